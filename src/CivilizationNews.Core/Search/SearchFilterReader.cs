using CivilizationNews.Core.Data;
using CivilizationNews.Core.Reading;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Search;

/// <summary>What the search page's filters offer: every section in site order, every unit by name.</summary>
public sealed record SearchFilterChoices(IReadOnlyList<SectionRef> Sections, IReadOnlyList<UnitRef> Units);

/// <summary>Reads the choices of the search page's section and unit filters.</summary>
public sealed class SearchFilterReader(NewsDbContext db)
{
    public async Task<SearchFilterChoices> ReadAsync(CancellationToken cancellationToken = default)
    {
        var sections = await db.Sections.AsNoTracking().OrderBy(s => s.SortOrder)
            .Select(s => new SectionRef(s.Slug, s.Name)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var units = await db.Units.AsNoTracking().OrderBy(u => u.Name)
            .Select(u => new UnitRef(u.Slug, u.Name, u.ShortName)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new SearchFilterChoices(sections, units);
    }
}
