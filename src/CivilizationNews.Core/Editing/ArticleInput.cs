using CivilizationNews.Core.Contributors;

namespace CivilizationNews.Core.Editing;

/// <summary>Everything an editor sets on a story in the editor form.</summary>
public sealed record ArticleInput
{
    public string? Kicker { get; init; }
    public string Title { get; init; } = string.Empty;
    public string? Subtitle { get; init; }
    public string? Summary { get; init; }
    public string? Dateline { get; init; }
    public string Body { get; init; } = string.Empty;
    public int SectionId { get; init; }
    /// <summary>Units mentioned; the first is the primary unit.</summary>
    public IReadOnlyList<int> UnitIds { get; init; } = [];
    public IReadOnlyList<CreditInput> Credits { get; init; } = [];
    /// <summary>Photos from the media library, in order.</summary>
    public IReadOnlyList<int> PhotoIds { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];
    public int? EditionPageId { get; init; }
    public int PageOrder { get; init; }
    /// <summary>Key figures, one per line as printed: 交通志愿服务：3.06万余人次</summary>
    public string? KeyFigures { get; init; }
}

/// <summary>
/// One byline row: a role and a contributor, chosen from the list (<see cref="ContributorId"/>) or typed
/// (<see cref="Name"/>). A typed name is matched to the contributor of that name; a name nobody has yet
/// becomes a new contributor when the story is saved. When both are given and the name is not the chosen
/// contributor's, the typed name wins (the editor changed the text after choosing).
/// </summary>
public sealed record CreditInput(int? ContributorId, CreditRole Role, string? Name = null);

/// <summary>The text fields a revision keeps, compared field by field in diffs.</summary>
public sealed record ArticleText(string? Kicker, string Title, string? Subtitle, string? Summary, string? Dateline, string Body)
{
    public static readonly IReadOnlyList<(string Field, string Label)> Fields =
    [
        ("Kicker", "引题"), ("Title", "标题"), ("Subtitle", "副题"), ("Summary", "摘要"), ("Dateline", "电头"), ("Body", "正文"),
    ];

    public string? Get(string field) => field switch
    {
        "Kicker" => Kicker,
        "Title" => Title,
        "Subtitle" => Subtitle,
        "Summary" => Summary,
        "Dateline" => Dateline,
        "Body" => Body,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };
}
