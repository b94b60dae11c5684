using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;

namespace CivilizationNews.Core.Units;

/// <summary>单位: a municipal unit the paper reports on. Each has a profile page.</summary>
public class Unit : IVersioned
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public required string ShortName { get; set; }
    public UnitKind Kind { get; set; }
    public string? IndustrySystem { get; set; }
    /// <summary>Markdown.</summary>
    public string? Description { get; set; }
    public string? Address { get; set; }
    public int? LogoMediaId { get; set; }
    public Guid Version { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<UnitHonour> Honours { get; set; } = [];
    public List<ArticleUnit> Articles { get; set; } = [];
}

/// <summary>An honour a unit received in a given year (e.g. 2020 市级文明单位).</summary>
public class UnitHonour
{
    public int Id { get; set; }
    public int UnitId { get; set; }
    public int Year { get; set; }
    public required string Title { get; set; }
}
