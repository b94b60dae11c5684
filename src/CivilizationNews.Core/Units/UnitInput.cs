namespace CivilizationNews.Core.Units;

/// <summary>The unit form as posted. Strings are nullable so that <see cref="UnitDesk"/>, not implicit [Required], words the errors.</summary>
public sealed class UnitInput
{
    public string? Slug { get; set; }
    public string? Name { get; set; }
    public string? ShortName { get; set; }
    public UnitKind Kind { get; set; } = UnitKind.Other;
    public string? IndustrySystem { get; set; }
    /// <summary>Markdown.</summary>
    public string? Description { get; set; }
    public string? Address { get; set; }
    public List<HonourInput> Honours { get; set; } = [];
    /// <summary>The version the editor loaded: a save over a newer one is refused as a conflict.</summary>
    public Guid Version { get; set; }

    public static UnitInput From(Unit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return new()
        {
            Slug = unit.Slug, Name = unit.Name, ShortName = unit.ShortName, Kind = unit.Kind, IndustrySystem = unit.IndustrySystem,
            Description = unit.Description, Address = unit.Address, Version = unit.Version,
            Honours = unit.Honours.OrderBy(h => h.Year).ThenBy(h => h.Id).Select(h => new HonourInput { Year = h.Year, Title = h.Title }).ToList(),
        };
    }
}

/// <summary>One row of a unit's honours (荣誉): a year and a title; a blank row is ignored.</summary>
public sealed class HonourInput
{
    public int? Year { get; set; }
    public string? Title { get; set; }
}

/// <summary>A unit in the admin list.</summary>
public sealed record UnitRow(int Id, string Slug, string Name, string ShortName, UnitKind Kind, string? IndustrySystem, int Stories, DateTime UpdatedAt);

/// <summary>A unit loaded for editing: the form's values and how many stories it is tagged on.</summary>
public sealed record UnitEditing(UnitInput Input, int Stories);
