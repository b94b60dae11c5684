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

    /// <summary>The page's size and folio when it was read from a PDF (then articles, photos and the byline carry regions); null for text.</summary>
    public ImportedPage? Page { get; init; }
}

/// <summary>
/// A PDF page: its MediaBox in points, and what its folio line says (第5版 专版 2021年12月10日), where printed.
/// </summary>
public sealed record ImportedPage(double Width, double Height)
{
    /// <summary>第5版 → 5; null when the folio names no page or a lettered one (A3).</summary>
    public int? Number { get; init; }

    /// <summary>The page's name (专版, 综合新闻), when the folio prints one.</summary>
    public string? Name { get; init; }

    public DateOnly? Date { get; init; }

    /// <summary>The folio line as printed, for the editor. Not in the JSON.</summary>
    public string? Folio { get; init; }

    /// <summary>
    /// The page's text in the reading order rebuilt from the geometry, one entry per source line (line n at
    /// index n − 1), as handed to the story assembler: what the review screen shows beside the proposal. Not in the JSON.
    /// </summary>
    public IReadOnlyList<string> ReadingOrder { get; init; } = [];
}

/// <summary>
/// A rectangle on the page in PDF points, origin at the top-left corner and y growing downwards
/// ("Regions" in IMPORT-FORMAT.md).
/// </summary>
public readonly record struct PageRegion(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;
}

public sealed record ImportedArticle(
    string? Kicker,
    string Title,
    string? Subtitle,
    string? Dateline,
    string? Credit,
    string? ContinuesOn,
    IReadOnlyList<ImportedSection> Sections)
{
    /// <summary>Where the story sits on a PDF page: one rectangle per block it was printed in (a jumped tail is another).</summary>
    public IReadOnlyList<PageRegion> Regions { get; init; } = [];

    /// <summary>Every 1-based source line of the story (header, headings, paragraphs). Not in the JSON.</summary>
    public IReadOnlyList<int> SourceLines { get; init; } = [];
}

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

    /// <summary>On a PDF page: the picture with its caption.</summary>
    public PageRegion? Region { get; init; }

    /// <summary>On a PDF page: the title of the story the picture stands in, if any. Not in the JSON.</summary>
    public string? Story { get; init; }
}

public sealed record ImportedByline(string Label, IReadOnlyList<BylineRole> Roles, string Raw)
{
    /// <summary>On a PDF page: the byline box.</summary>
    public PageRegion? Region { get; init; }

    /// <summary>1-based source lines of the block. Not in the JSON.</summary>
    public IReadOnlyList<int> Lines { get; init; } = [];
}

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
