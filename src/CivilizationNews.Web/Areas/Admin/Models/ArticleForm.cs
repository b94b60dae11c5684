using System.Globalization;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Editing;

namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>The editor form as posted. Converted to an <see cref="ArticleInput"/> for the desk.</summary>
public sealed class ArticleForm
{
    public string? Kicker { get; set; }
    public string Title { get; set; } = string.Empty;
    public string? Subtitle { get; set; }
    public string? Summary { get; set; }
    public string? Dateline { get; set; }
    public string Body { get; set; } = string.Empty;
    public int SectionId { get; set; }
    public int? PrimaryUnitId { get; set; }
    public List<int> UnitIds { get; set; } = [];
    public List<int?> CreditContributorIds { get; set; } = [];
    public List<CreditRole> CreditRoles { get; set; } = [];
    /// <summary>Media ids in display order, comma-separated.</summary>
    public string? PhotoIds { get; set; }
    /// <summary>Tags separated by commas (，or ,) or 、.</summary>
    public string? Tags { get; set; }
    public int? EditionPageId { get; set; }
    public int PageOrder { get; set; } = 1;
    public string? KeyFigures { get; set; }
    public Guid Version { get; set; }

    public ArticleInput ToInput()
    {
        var units = new List<int>();
        if (PrimaryUnitId is { } primary)
        {
            units.Add(primary);
        }
        units.AddRange(UnitIds.Where(u => u != PrimaryUnitId));
        var credits = CreditContributorIds
            .Select((id, i) => (id, role: i < CreditRoles.Count ? CreditRoles[i] : CreditRole.Reporter))
            .Where(c => c.id is not null)
            .Select(c => new CreditInput(c.id!.Value, c.role))
            .ToList();
        var photos = (PhotoIds ?? string.Empty)
            .Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1)
            .ToList();
        return new ArticleInput
        {
            Kicker = Kicker, Title = Title ?? string.Empty, Subtitle = Subtitle, Summary = Summary, Dateline = Dateline, Body = Body ?? string.Empty,
            SectionId = SectionId, UnitIds = units, Credits = credits, PhotoIds = photos,
            Tags = (Tags ?? string.Empty).Split([',', '，', '、', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            EditionPageId = EditionPageId, PageOrder = PageOrder, KeyFigures = KeyFigures,
        };
    }
}

public sealed record ChoiceOption(int Id, string Label);

public sealed record PhotoOption(int Id, string Alt, string? Credit);

/// <summary>Everything the editor page shows besides the form: choices, workflow, history.</summary>
public sealed record EditorPage(
    int? ArticleId, ArticleForm Form, CivilizationNews.Core.Articles.ArticleStatus Status,
    IReadOnlyList<ChoiceOption> Sections, IReadOnlyList<ChoiceOption> Units, IReadOnlyList<ChoiceOption> Contributors,
    IReadOnlyList<ChoiceOption> Pages, IReadOnlyList<PhotoOption> Photos,
    IReadOnlyList<CivilizationNews.Core.Articles.ArticleStatus> Transitions,
    IReadOnlyList<TransitionRow> History, IReadOnlyList<string> OthersEditing, RevisionSummary? PendingAutosave,
    DateTime? ScheduledAt, DateTime? PublishedAt, bool CanEdit);

public sealed record TransitionRow(DateTime At, string UserName, CivilizationNews.Core.Articles.ArticleStatus From, CivilizationNews.Core.Articles.ArticleStatus To, string? Reason);

public sealed record ConflictPage(int ArticleId, ArticleForm Mine, ArticleText Theirs, string? TheirEditor, DateTime? TheirSavedAt, Guid CurrentVersion);

public sealed record DiffPage(int ArticleId, string Title, RevisionSummary Older, RevisionSummary Newer, IReadOnlyList<FieldDiff> Fields);
