using System.Globalization;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Contributors;

namespace CivilizationNews.Core.Editing;

/// <summary>
/// The editor form as posted and as shown: photo ids and tags are typed as text. <see cref="ToInput"/> turns it into
/// the <see cref="ArticleInput"/> the desk saves. A record, so that the admin's page model can extend it and
/// copy it (the page's fields keep their plain names: Title, Body, SectionId).
/// </summary>
public record ArticleForm
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
    /// <summary>Byline rows as three parallel lists (every row posts all three): the chosen contributor, the role, the typed name.</summary>
    public List<int?> CreditContributorIds { get; set; } = [];
    public List<CreditRole> CreditRoles { get; set; } = [];
    public List<string?> CreditNames { get; set; } = [];
    /// <summary>Media ids in display order, comma-separated.</summary>
    public string? PhotoIds { get; set; }
    /// <summary>Tags separated by commas (，or ,) or 、.</summary>
    public string? Tags { get; set; }
    public int? EditionPageId { get; set; }
    public int PageOrder { get; set; } = 1;
    public string? KeyFigures { get; set; }
    /// <summary>The version the editor loaded: a save over a newer one is refused as a conflict.</summary>
    public Guid Version { get; set; }

    /// <summary>The text fields, as a revision keeps them.</summary>
    public ArticleText Text => new(Kicker, Title ?? string.Empty, Subtitle, Summary, Dateline, Body ?? string.Empty);

    /// <summary>A story as its editor form shows it (units, credits, photos, tags and key figures included).</summary>
    public static ArticleForm From(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new()
        {
            Kicker = article.Kicker, Title = article.Title, Subtitle = article.Subtitle, Summary = article.Summary, Dateline = article.Dateline,
            Body = article.Body, SectionId = article.SectionId,
            PrimaryUnitId = article.Units.FirstOrDefault(u => u.IsPrimary)?.UnitId,
            UnitIds = article.Units.Where(u => !u.IsPrimary).OrderBy(u => u.SortOrder).Select(u => u.UnitId).ToList(),
            CreditContributorIds = article.Credits.OrderBy(c => c.SortOrder).Select(c => (int?)c.ContributorId).ToList(),
            CreditRoles = article.Credits.OrderBy(c => c.SortOrder).Select(c => c.Role).ToList(),
            CreditNames = article.Credits.OrderBy(c => c.SortOrder).Select(c => c.Contributor?.Name).ToList(),
            PhotoIds = string.Join(",", article.Photos.OrderBy(p => p.SortOrder).Select(p => p.MediaId)),
            Tags = string.Join("，", article.Tags.Select(t => t.Tag!.Name)),
            EditionPageId = article.EditionPageId, PageOrder = Math.Max(1, article.PageOrder),
            KeyFigures = KeyFigureParser.Format(article.KeyFigures),
            Version = article.Version,
        };
    }

    public ArticleInput ToInput()
    {
        var units = new List<int>();
        if (PrimaryUnitId is { } primary)
        {
            units.Add(primary);
        }
        units.AddRange(UnitIds.Where(u => u != PrimaryUnitId));
        var rows = Math.Max(CreditContributorIds.Count, Math.Max(CreditRoles.Count, CreditNames.Count));
        var credits = Enumerable.Range(0, rows)
            .Select(i => new CreditInput(
                i < CreditContributorIds.Count ? CreditContributorIds[i] : null,
                i < CreditRoles.Count ? CreditRoles[i] : CreditRole.Reporter,
                i < CreditNames.Count && !string.IsNullOrWhiteSpace(CreditNames[i]) ? CreditNames[i]!.Trim() : null))
            .Where(c => c.ContributorId is not null || c.Name is not null)
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
