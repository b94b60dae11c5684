namespace CivilizationNews.Core.Reading.Documents;

/// <summary>
/// A published story's page as one row: everything the story page shows but its related stories, with the
/// body already rendered to sanitized HTML. Built from the story the first time a reader asks for it and
/// deleted, in the saving transaction, by any save that changes what it shows (<see cref="ReadDocumentInvalidator"/>):
/// so a read is one lookup by key, and what it returns is never older than the last commit.
/// </summary>
public class StoryDocument
{
    public int ArticleId { get; set; }
    /// <summary>The neighbours the document links to as previous/next: a save of either deletes this document.</summary>
    public int? PreviousId { get; set; }
    public int? NextId { get; set; }
    /// <summary>The page, as <see cref="StoryDocumentData"/> in JSON.</summary>
    public required string Json { get; set; }
    public DateTime BuiltAt { get; set; }
    /// <summary>The read generation it was stored under: with <see cref="BuiltAt"/>, the stamp <see cref="ReadDocumentCache"/> compares.</summary>
    public long Generation { get; set; }
}

/// <summary>
/// One row (Id 1) counting the saves that invalidated read documents. A document built from what was read
/// under an older count is not stored (<see cref="StoryDocuments"/>): a reader that read the old story while
/// a save committed cannot put the old page back after the save deleted it.
/// </summary>
public class ReadGeneration
{
    public int Id { get; set; }
    public long Value { get; set; }
}
