using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Features;

namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>The feature's own fields as the composer posts them.</summary>
public sealed class FeatureForm
{
    public string? Slug { get; set; }
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public int LeadArticleId { get; set; }
    public int? EditionPageId { get; set; }
    public string? BylineLabel { get; set; } = "本版撰文";
    public Guid Version { get; set; }

    public FeatureInput ToInput() => new(Slug, Title, Summary, LeadArticleId, EditionPageId, BylineLabel);
}

public sealed class BylineForm
{
    public List<CreditRole> Roles { get; set; } = [];
    public List<string?> Names { get; set; } = [];

    public IReadOnlyList<BylineRow> ToRows() =>
        Names.Select((names, i) => new BylineRow(i < Roles.Count ? Roles[i] : CreditRole.Reporter, names)).ToList();
}

public sealed record FeatureRowView(int Id, string Title, string Slug, string LeadTitle, bool IsPublished, DateTime? PublishedAt, DateTime UpdatedAt, int Sidebars, int NotReady);

public sealed record FeatureStoryView(int Id, string Title, ArticleStatus Status);

public sealed record FeaturePhotoView(int MediaId, string Alt, string? Credit);

public sealed record BylineRowView(CreditRole Role, string Names);

/// <summary>The composer page: the details form, then the stories, photos, byline and publishing panels.</summary>
public sealed record FeatureComposerPage(
    int? Id, FeatureForm Form, bool IsPublished, DateTime? PublishedAt,
    FeatureStoryView? Lead, IReadOnlyList<FeatureStoryView> Sidebars, IReadOnlyList<FeaturePhotoView> Photos,
    IReadOnlyList<BylineRowView> Byline,
    IReadOnlyList<ChoiceOption> Articles, IReadOnlyList<ChoiceOption> Pages, IReadOnlyList<PhotoOption> Library)
{
    public IEnumerable<FeatureStoryView> Stories => Lead is null ? Sidebars : Sidebars.Prepend(Lead);

    /// <summary>Stories that block publishing the feature as a whole.</summary>
    public IReadOnlyList<FeatureStoryView> NotReady => Stories.Where(s => s.Status is not (ArticleStatus.Approved or ArticleStatus.Scheduled or ArticleStatus.Published)).ToList();
}
