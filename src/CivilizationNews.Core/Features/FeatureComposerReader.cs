using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Features;

/// <summary>A feature in the admin list. <see cref="NotReady"/> counts its stories still in draft or waiting for review.</summary>
public sealed record FeatureRow(int Id, string Title, string Slug, string LeadTitle, bool IsPublished, DateTime? PublishedAt, DateTime UpdatedAt, int Sidebars, int NotReady);

public sealed record FeatureStory(int Id, string Title, ArticleStatus Status);

public sealed record FeaturePhotoRow(int MediaId, string Alt, string? Credit);

/// <summary>One role of the page byline with its names joined: 本报记者 刘思远、王磊.</summary>
public sealed record BylineLine(CreditRole Role, string Names);

/// <summary>Everything the composer shows besides the details form: the stories, photos, byline and the choices it offers.</summary>
public sealed record FeatureComposition(
    int? Id, bool IsPublished, DateTime? PublishedAt,
    FeatureStory? Lead, IReadOnlyList<FeatureStory> Sidebars, IReadOnlyList<FeaturePhotoRow> Photos, IReadOnlyList<BylineLine> Byline,
    IReadOnlyList<Choice> Articles, IReadOnlyList<Choice> Pages, IReadOnlyList<PhotoChoice> Library)
{
    public IEnumerable<FeatureStory> Stories => Lead is null ? Sidebars : Sidebars.Prepend(Lead);

    /// <summary>Stories that block publishing the feature as a whole.</summary>
    public IReadOnlyList<FeatureStory> NotReady => Stories.Where(s => s.Status is not (ArticleStatus.Approved or ArticleStatus.Scheduled or ArticleStatus.Published)).ToList();
}

/// <summary>A feature opened in the composer: its title and its details form.</summary>
public sealed record FeatureEditing(string Title, FeatureInput Input);

/// <summary>The composer's reads: the feature list, a feature's details and the composition around them. Writes go through <see cref="FeatureComposer"/>.</summary>
public sealed class FeatureComposerReader(NewsDbContext db)
{
    /// <summary>How many stories the lead select and the sidebar list offer, newest first.</summary>
    public const int ArticleChoices = 300;

    /// <summary>How many recent library photos the picker offers.</summary>
    public const int LibraryChoices = 48;

    public Task<List<FeatureRow>> ListAsync(CancellationToken cancellationToken = default) =>
        db.Features.OrderByDescending(f => f.UpdatedAt)
            .Select(f => new FeatureRow(f.Id, f.Title, f.Slug, f.LeadArticle!.Title, f.IsPublished, f.PublishedAt, f.UpdatedAt, f.Sidebars.Count,
                f.Sidebars.Count(s => s.Article!.Status == ArticleStatus.Draft || s.Article.Status == ArticleStatus.Submitted)
                + (f.LeadArticle.Status == ArticleStatus.Draft || f.LeadArticle.Status == ArticleStatus.Submitted ? 1 : 0)))
            .ToListAsync(cancellationToken);

    public async Task<FeatureEditing?> OpenAsync(int id, CancellationToken cancellationToken = default)
    {
        var feature = await db.Features.FirstOrDefaultAsync(f => f.Id == id, cancellationToken).ConfigureAwait(false);
        return feature is null ? null : new(feature.Title, FeatureInput.From(feature));
    }

    /// <summary>
    /// The composer around a details form: for a new feature (<paramref name="id"/> null) only the choices; the lead
    /// chosen in the form is always offered, even when it is archived or older than the newest <see cref="ArticleChoices"/>.
    /// </summary>
    public async Task<FeatureComposition> ComposeAsync(int? id, int leadArticleId, CancellationToken cancellationToken = default)
    {
        var feature = id is null ? null : await db.Features.Where(f => f.Id == id)
            .Select(f => new
            {
                f.IsPublished, f.PublishedAt,
                Lead = new FeatureStory(f.LeadArticleId, f.LeadArticle!.Title, f.LeadArticle.Status),
                Sidebars = f.Sidebars.OrderBy(s => s.SortOrder).Select(s => new FeatureStory(s.ArticleId, s.Article!.Title, s.Article.Status)).ToList(),
                Photos = f.Photos.OrderBy(p => p.SortOrder).Select(p => new FeaturePhotoRow(p.MediaId, p.Media!.AltText,
                    p.Media.CreditContributor != null ? p.Media.CreditContributor.Name : p.Media.CreditText)).ToList(),
                Byline = f.Byline.OrderBy(b => b.SortOrder).Select(b => new { b.Role, b.Name }).ToList(),
            })
            .AsSplitQuery()
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);

        var articles = (await db.Articles.Where(a => a.Status != ArticleStatus.Archived || a.Id == leadArticleId)
                .OrderByDescending(a => a.Id).Take(ArticleChoices)
                .Select(a => new { a.Id, a.Title, a.Status }).ToListAsync(cancellationToken).ConfigureAwait(false))
            .Select(a => ArticleChoice(a.Id, a.Title, a.Status)).ToList();
        if (leadArticleId > 0 && articles.All(a => a.Id != leadArticleId)
            && await db.Articles.Where(a => a.Id == leadArticleId).Select(a => new { a.Id, a.Title, a.Status }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } lead)
        {
            articles.Insert(0, ArticleChoice(lead.Id, lead.Title, lead.Status));
        }
        var pages = await db.EditionPageChoicesAsync(cancellationToken).ConfigureAwait(false);
        var library = feature is null ? [] : await db.RecentPhotoChoicesAsync(LibraryChoices, cancellationToken).ConfigureAwait(false);
        var byline = (feature?.Byline ?? []).GroupBy(b => b.Role).Select(g => new BylineLine(g.Key, string.Join("、", g.Select(b => b.Name)))).ToList();
        return new FeatureComposition(feature is null ? null : id, feature?.IsPublished ?? false, feature?.PublishedAt,
            feature?.Lead, feature?.Sidebars ?? [], feature?.Photos ?? [], byline, articles, pages, library);
    }

    private static Choice ArticleChoice(int id, string title, ArticleStatus status) => new(id, $"#{id} {title}（{status.Label()}）");
}
