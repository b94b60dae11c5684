using CivilizationNews.Core.Content;

namespace CivilizationNews.Core.Tags;

/// <summary>A tag's new name, as posted from its row of the tag list.</summary>
public sealed class TagRenameInput
{
    public string? Name { get; set; }
}

/// <summary>Two tags to merge: every story of <see cref="SourceId"/> moves to <see cref="TargetId"/>, then the source is deleted.</summary>
public sealed class TagMergeInput
{
    public int? SourceId { get; set; }
    public int? TargetId { get; set; }
}

/// <summary>A tag in the admin list.</summary>
public sealed record TagRow(int Id, string Name, int Stories);

/// <summary>A tag offered in the merge form.</summary>
public sealed record TagChoice(int Id, string Name);

/// <summary>One page of the tag list (most used first) and every tag for the merge form.</summary>
public sealed record TagListing(PagedList<TagRow> Rows, IReadOnlyList<TagChoice> All);
