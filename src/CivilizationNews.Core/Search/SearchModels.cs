using CivilizationNews.Core.Reading;

namespace CivilizationNews.Core.Search;

/// <summary>
/// What a reader asked for. Filters are optional; values that name nothing (an unknown section
/// or unit slug) are ignored rather than failing the search.
/// </summary>
public sealed record SearchRequest(
    string? Query,
    string? SectionSlug = null,
    string? UnitSlug = null,
    DateOnly? From = null,
    DateOnly? To = null,
    DateOnly? EditionDate = null,
    int Page = 1);

/// <summary>One result: the story's headline and the snippet where the query's words are marked.</summary>
public sealed record SearchHit(
    int ArticleId,
    HighlightedText Title,
    string? Kicker,
    DateTime PublishedAt,
    SectionRef Section,
    UnitRef? Unit,
    DateOnly? EditionDate,
    HighlightedText Snippet);

/// <summary>The filters that were applied (unknown ones are null).</summary>
public sealed record SearchFilters(SectionRef? Section, UnitRef? Unit, DateOnly? From, DateOnly? To, DateOnly? EditionDate)
{
    public bool Any => Section is not null || Unit is not null || From is not null || To is not null || EditionDate is not null;
}

public sealed record SearchResults(
    SearchQuery Query,
    SearchFilters Filters,
    IReadOnlyList<SearchHit> Hits,
    int Page,
    int PageSize,
    int TotalCount,
    bool Unavailable = false)
{
    public int PageCount => Math.Max(1, (Math.Min(TotalCount, StorySearch.MaxPage * PageSize) + PageSize - 1) / PageSize);

    /// <summary>More stories match than the pages show (SQLite stops counting there).</summary>
    public bool MoreThanShown => TotalCount > StorySearch.MaxPage * PageSize;
}

/// <summary>Search over published stories; one implementation serves both database providers.</summary>
public interface IStorySearch
{
    Task<SearchResults> SearchAsync(SearchRequest request, CancellationToken cancellationToken = default);
}
