using CivilizationNews.Core.Media;

namespace CivilizationNews.Core.Reading;

// Read models for the public pages: flat records filled by Select projections, never tracked entities.

public sealed record PhotoView(int MediaId, string Alt, string? Caption, string? Credit, CreditKind CreditKind, int Width, int Height)
{
    /// <summary>"郭朝辉 摄" or "市中心医院供图".</summary>
    public string? CreditLine => MediaCredits.Format(Credit, CreditKind);
}

public sealed record UnitRef(string Slug, string Name, string ShortName);

public sealed record SectionRef(string Slug, string Name);

public sealed record ArticleCard(
    int Id, string? Kicker, string Title, string? Subtitle, string? Summary, DateTime PublishedAt,
    SectionRef Section, UnitRef? PrimaryUnit, PhotoView? Photo);

public sealed record ArticleLink(int Id, string Title);

public sealed record CreditName(string Name, string Slug);

/// <summary>The names credited under one role, in order: 本报记者 刘思远 赵静怡.</summary>
public sealed record CreditGroup(string Role, IReadOnlyList<CreditName> Names);

public sealed record KeyFigureView(string Label, string Display, string? SourceText);

public sealed record PlacementView(DateOnly Date, int EditionNumber, int PageNumber, string PageName);

public sealed record FeatureRef(string Slug, string Title);

/// <summary>更正 as readers see it: when, what was wrong, what is right.</summary>
public sealed record CorrectionView(DateTime CreatedAt, string Wrong, string Right);

/// <summary>A correction on the /corrections page, with the story it corrects.</summary>
public sealed record CorrectionListItem(int ArticleId, string Title, DateTime PublishedAt, DateTime CreatedAt, string Wrong, string Right);

public sealed record ArticleDetail(
    int Id, string? Kicker, string Title, string? Subtitle, string? Summary, string Body, string? Dateline,
    DateTime PublishedAt, DateTime UpdatedAt, SectionRef Section,
    IReadOnlyList<UnitRef> Units, IReadOnlyList<CreditGroup> Credits, IReadOnlyList<PhotoView> Photos,
    IReadOnlyList<string> Tags, IReadOnlyList<KeyFigureView> KeyFigures, PlacementView? Placement,
    FeatureRef? Feature, ArticleLink? Previous, ArticleLink? Next, IReadOnlyList<ArticleCard> Related)
{
    /// <summary>更正 appended since publication, oldest first.</summary>
    public IReadOnlyList<CorrectionView> Corrections { get; init; } = [];
}

