namespace CivilizationNews.Core.Importing;

/// <summary>
/// What one print page holds, as draft stories for an editor to review. The shape mirrors the JSON
/// contract in IMPORT-FORMAT.md; <see cref="ImportJson"/> writes exactly that contract.
/// </summary>
public sealed record ImportResult(
    IReadOnlyList<ImportedArticle> Articles,
    IReadOnlyList<ImportedPhoto> Photos,
    ImportedByline? Byline,
    IReadOnlyList<ImportWarning> Warnings)
{
    /// <summary>"UTF-8", "GB18030" or "UTF-16" when bytes were imported; null when text was given. Not in the JSON.</summary>
    public string? SourceEncoding { get; init; }
}

public sealed record ImportedArticle(
    string? Kicker,
    string Title,
    string? Subtitle,
    string? Dateline,
    string? Credit,
    string? ContinuesOn,
    IReadOnlyList<ImportedSection> Sections);

public sealed record ImportedSection(string? Heading, IReadOnlyList<string> Paragraphs)
{
    /// <summary>
    /// For the review screen: the 1-based source line numbers each paragraph came from, index for index
    /// with <see cref="Paragraphs"/>. Not in the JSON.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<int>> ParagraphLines { get; init; } = [];
}

public sealed record ImportedPhoto(string Caption, string Credit, string? CreditRole, string CreditKind)
{
    /// <summary>1-based source line of the caption. Not in the JSON.</summary>
    public int Line { get; init; }
}

public sealed record ImportedByline(string Label, IReadOnlyList<BylineRole> Roles, string Raw);

public sealed record BylineRole(string Role, IReadOnlyList<string> Names);

/// <summary>Something the editor must decide; <see cref="Article"/> is the title it concerns, if any.</summary>
public sealed record ImportWarning(ImportWarningKind Kind, string Text, string? Article)
{
    /// <summary>1-based source lines the warning is about. Not in the JSON.</summary>
    public IReadOnlyList<int> Lines { get; init; } = [];
}

public enum ImportWarningKind
{
    /// <summary>Text that could not be placed in any story; it is carried whole in the warning.</summary>
    Unattached,

    /// <summary>A jumped tail was stitched onto its story at the overlap.</summary>
    Stitched,

    /// <summary>A continuation printed after another story was attached to the feature it belongs to.</summary>
    Attached,

    /// <summary>A paragraph printed twice; the second copy was dropped and is carried in the warning.</summary>
    Duplicate,

    /// <summary>A line held characters that could not be read; they were removed or kept as the replacement character.</summary>
    Unreadable,

    /// <summary>A （上接第N版） marker: the text continues a story printed on another page.</summary>
    ContinuedFrom,
}
