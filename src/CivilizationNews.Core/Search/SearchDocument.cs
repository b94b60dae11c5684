namespace CivilizationNews.Core.Search;

/// <summary>
/// A published story as the search sees it: one row per published story, written in the same
/// transaction as the story (see <see cref="SearchIndexer"/>). The text columns hold the original
/// text (Markdown reduced to plain text), which results show and highlight; the small columns
/// carry the filters. On SQLite the segmented copy lives in the FTS5 table SearchIndex (rowid =
/// ArticleId); on SQL Server a full-text index covers the text columns of this table.
/// </summary>
public class SearchDocument
{
    public int ArticleId { get; set; }
    public DateTime PublishedAt { get; set; }
    public int SectionId { get; set; }
    /// <summary>The date of the print edition the story ran in, if it did.</summary>
    public DateOnly? EditionDate { get; set; }
    public required string Title { get; set; }
    public string? Kicker { get; set; }
    public string? Subtitle { get; set; }
    public string? Summary { get; set; }
    /// <summary>The dateline and the body as plain text, paragraphs separated by line breaks.</summary>
    public string Body { get; set; } = string.Empty;
    /// <summary>The photo captions, one a line.</summary>
    public string? Captions { get; set; }
    /// <summary>The names and short names of the story's units, one unit a line.</summary>
    public string? UnitNames { get; set; }
}
