using CivilizationNews.Core.Units;

namespace CivilizationNews.Web.Areas.Admin.Models;

public sealed record UnitListPage(IReadOnlyList<UnitRow> Rows, string? Query, UnitKind? Kind);

/// <summary>The unit editor. <see cref="Saved"/> is set after a refused stale save: what is in the database now.</summary>
public sealed record UnitEditPage(int? Id, UnitInput Form, int Stories, UnitInput? Saved = null, string? SavedBy = null);
