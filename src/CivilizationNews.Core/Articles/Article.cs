using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Media;
using CivilizationNews.Core.Sections;
using CivilizationNews.Core.Tags;
using CivilizationNews.Core.Units;

namespace CivilizationNews.Core.Articles;

/// <summary>A story. Its number (<see cref="Id"/>) is its stable short URL.</summary>
public class Article : IVersioned
{
    public int Id { get; set; }
    /// <summary>引题: the short line above the headline; on unit stories the unit's name.</summary>
    public string? Kicker { get; set; }
    public required string Title { get; set; }
    /// <summary>副题, stored without the leading ——; the page renders the dashes.</summary>
    public string? Subtitle { get; set; }
    public string? Summary { get; set; }
    /// <summary>Markdown body, without the dateline.</summary>
    public string Body { get; set; } = string.Empty;
    /// <summary>电头 such as 本报讯 or 本报讯（记者 刘思远）, shown bold before the first paragraph.</summary>
    public string? Dateline { get; set; }
    public ArticleStatus Status { get; set; }
    public DateTime? PublishedAt { get; set; }
    public DateTime? ScheduledAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }

    /// <summary>The account that created the story (reporters may edit only their own drafts).</summary>
    public string? AuthorId { get; set; }

    /// <summary>Set by the scheduler instance that published the story; the claim is an atomic UPDATE.</summary>
    public Guid? PublishClaim { get; set; }

    public int SectionId { get; set; }
    public Section? Section { get; set; }

    /// <summary>The print page the story ran on, with its order on that page.</summary>
    public int? EditionPageId { get; set; }
    public EditionPage? EditionPage { get; set; }
    public int PageOrder { get; set; }

    public List<ArticleUnit> Units { get; set; } = [];
    public List<ArticleCredit> Credits { get; set; } = [];
    public List<ArticlePhoto> Photos { get; set; } = [];
    public List<ArticleTag> Tags { get; set; } = [];
    public List<KeyFigure> KeyFigures { get; set; } = [];
    /// <summary>更正 appended after publication, oldest first.</summary>
    public List<ArticleCorrection> Corrections { get; set; } = [];

    public bool IsPublic(DateTime utcNow) =>
        Status == ArticleStatus.Published && PublishedAt is { } at && at <= utcNow;
}

/// <summary>A unit mentioned in a story; exactly one is primary.</summary>
public class ArticleUnit
{
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public int UnitId { get; set; }
    public Unit? Unit { get; set; }
    public bool IsPrimary { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>A by-role credit: 本报记者 刘思远, 通讯员 张晓燕, ….</summary>
public class ArticleCredit
{
    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public int ContributorId { get; set; }
    public Contributor? Contributor { get; set; }
    public CreditRole Role { get; set; }
    public int SortOrder { get; set; }
}

public class ArticlePhoto
{
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public int MediaId { get; set; }
    public MediaItem? Media { get; set; }
    public int SortOrder { get; set; }
}

public class ArticleTag
{
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public int TagId { get; set; }
    public Tag? Tag { get; set; }
}
