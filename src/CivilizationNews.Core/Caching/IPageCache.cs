namespace CivilizationNews.Core.Caching;

/// <summary>
/// The cache of rendered public pages, as the save path sees it: pages are tagged with what they show
/// (<see cref="ContentTags"/>) and evicted by tag after a commit. The web app implements it over
/// ASP.NET Core output caching (in memory on one machine, Redis for several instances).
/// </summary>
public interface IPageCache
{
    /// <summary>Evicts every cached page carrying one of <paramref name="tags"/>. Never throws for an unreachable store: the commit stands.</summary>
    Task EvictAsync(IReadOnlySet<string> tags, CancellationToken cancellationToken);
}
