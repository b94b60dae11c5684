namespace CivilizationNews.Core.Caching;

/// <summary>
/// What one save changed that readers can see, gathered from the change tracker by
/// <see cref="ContentChangeCollector"/>. Ids are resolved to page tags by <see cref="ContentTagResolver"/>,
/// because a page is identified by slugs and links that the changed rows themselves do not carry.
/// </summary>
public sealed class ContentChange
{
    /// <summary>Stories whose public pages may have changed: published now, or published before this change.</summary>
    public HashSet<int> ArticleIds { get; } = [];

    /// <summary>Stories touched through a link row (unit, credit, photo, tag); counted only if published.</summary>
    public HashSet<int> LinkedArticleIds { get; } = [];

    /// <summary>Units, tags and contributors of those link rows (a removed link's page changes too).</summary>
    public HashSet<int> LinkedUnitIds { get; } = [];
    public HashSet<int> LinkedTagIds { get; } = [];
    public HashSet<int> LinkedContributorIds { get; } = [];

    /// <summary>Features touched through their sidebars, photos or byline; counted only if published.</summary>
    public HashSet<int> LinkedFeatureIds { get; } = [];

    public HashSet<int> SectionIds { get; } = [];
    public HashSet<int> UnitIds { get; } = [];
    public HashSet<int> TagIds { get; } = [];
    public HashSet<int> ContributorIds { get; } = [];
    public HashSet<int> FeatureIds { get; } = [];
    public HashSet<int> EditionIds { get; } = [];
    public HashSet<int> EditionPageIds { get; } = [];
    public HashSet<int> MediaIds { get; } = [];

    /// <summary>Stories that became public in this save (a transition to 已发布): the link-push candidates.</summary>
    public HashSet<int> PublishedArticleIds { get; } = [];

    /// <summary>Features that became public in this save.</summary>
    public HashSet<string> PublishedFeatureSlugs { get; } = [];

    /// <summary>Tags known directly (for example the slug a unit had before it was renamed).</summary>
    public HashSet<string> Tags { get; } = [];

    public bool IsEmpty =>
        ArticleIds.Count == 0 && LinkedArticleIds.Count == 0 && SectionIds.Count == 0 && UnitIds.Count == 0
        && TagIds.Count == 0 && ContributorIds.Count == 0 && FeatureIds.Count == 0 && EditionIds.Count == 0
        && EditionPageIds.Count == 0 && MediaIds.Count == 0 && Tags.Count == 0 && LinkedFeatureIds.Count == 0;
}
