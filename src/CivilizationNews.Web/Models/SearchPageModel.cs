using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Search;

namespace CivilizationNews.Web.Models;

/// <summary>The search page: results, the lists its filters offer, and its address without the page number.</summary>
public sealed record SearchPageModel(
    SearchResults Results,
    IReadOnlyList<SectionRef> Sections,
    IReadOnlyList<UnitRef> Units,
    string PageBaseUrl);
