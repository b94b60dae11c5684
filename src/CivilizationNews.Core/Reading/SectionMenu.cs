using CivilizationNews.Core.Data;
using CivilizationNews.Core.Reading.Documents;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Reading;

/// <summary>
/// The section row under the masthead, on every public page. Every change to a section moves the read generation on
/// (<see cref="ReadDocumentInvalidator"/>, the site-wide case), so the row read while the generation had a value is
/// right for as long as it keeps it. A request that has read a page's document already knows the value
/// (<see cref="SeenGeneration"/>, from the same command), and the row read under it is served from
/// <see cref="ReadDocumentCache"/> without a second command; any other request, and the first after each save, reads the
/// sections table.
/// </summary>
public sealed class SectionMenu(NewsDbContext db, ReadDocumentCache held, SeenGeneration seen)
{
    private const string Key = "sections/1";

    // Compiled: EF's per-query work (the cache key, the parameter lookup) was a tenth of an uncached story page's CPU
    // when this row was a LINQ query (docs/performance.md).
    private static readonly Func<NewsDbContext, IAsyncEnumerable<SectionRef>> Row = EF.CompileAsyncQuery(
        (NewsDbContext context) => context.Sections.OrderBy(s => s.SortOrder).Select(s => new SectionRef(s.Slug, s.Name)));

    /// <summary>Every section in menu order.</summary>
    public async Task<IReadOnlyList<SectionRef>> SectionsAsync(CancellationToken cancellationToken = default)
    {
        // Taken before the sections are read, so a row is held under a value no newer than what it shows.
        var stamp = seen.Value is long generation ? new DocumentStamp(generation, default) : (DocumentStamp?)null;
        if (stamp is { } known && held.Get<IReadOnlyList<SectionRef>>(Key, known) is { } sections)
        {
            return sections;
        }
        var read = new List<SectionRef>();
        await foreach (var section in Row(db).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            read.Add(section);
        }
        if (stamp is { } seenBefore)
        {
            held.Set(Key, seenBefore, read.AsReadOnly());
        }
        return read;
    }
}
