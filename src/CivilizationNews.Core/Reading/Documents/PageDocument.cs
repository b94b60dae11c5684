namespace CivilizationNews.Core.Reading.Documents;

/// <summary>
/// A public list page ready for the view — the home page, the unit directory, a page of a unit's profile — as
/// JSON, with the output-cache tags of what it shows (<see cref="PageDocuments"/>). A save deletes, in its own
/// transaction, every document carrying a tag of a page it changes, exactly the pages it evicts from the output cache.
/// </summary>
public class PageDocument
{
    /// <summary>Which page, with its shape's version: <c>home/1</c>, <c>unit/2/slug/2</c>.</summary>
    public required string Key { get; set; }

    public required string Json { get; set; }

    public DateTime BuiltAt { get; set; }

    /// <summary>The read generation it was stored under: with <see cref="BuiltAt"/>, the stamp <see cref="ReadDocumentCache"/> compares.</summary>
    public long Generation { get; set; }

    public List<PageDocumentTag> Tags { get; set; } = [];
}

/// <summary>One tag of a <see cref="PageDocument"/>, such as <c>home</c> or <c>unit:kanggong-fenju</c>.</summary>
public class PageDocumentTag
{
    public required string Tag { get; set; }

    public required string Key { get; set; }
}
