using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Content;

/// <summary>One page of a longer list: the public story lists and every admin list use this one shape.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int TotalCount)
{
    public int PageCount => Paging.PageCount(TotalCount, PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
}

/// <summary>Page numbers from query strings and pages of a query: the one paging helper.</summary>
public static class Paging
{
    /// <summary>The highest page number any list accepts.</summary>
    public const int MaxPage = 10_000;

    /// <summary>A page number from the query string: 1–<see cref="MaxPage"/>, anything else is page 1.</summary>
    public static int PageNumber(string? value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxPage ? n : 1;

    public static int PageCount(int total, int pageSize) => Math.Max(1, (total + pageSize - 1) / pageSize);

    /// <summary>Counts the query and reads page <paramref name="page"/> of it (an ordered query; a page past the end is empty).</summary>
    public static async Task<PagedList<T>> ToPagedListAsync<T>(this IQueryable<T> query, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        var items = total == 0
            ? []
            : await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PagedList<T>(items, page, pageSize, total);
    }
}
