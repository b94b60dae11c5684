using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;

namespace CivilizationNews.Core.Editions;

/// <summary>期: one day's printed paper.</summary>
public class Edition : IVersioned
{
    public int Id { get; set; }
    public DateOnly Date { get; set; }
    /// <summary>The running issue number (第12105期).</summary>
    public int Number { get; set; }
    public bool IsPublished { get; set; }
    public Guid Version { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<EditionPage> Pages { get; set; } = [];
}

/// <summary>版: a page of an edition, with the stories placed on it in print order.</summary>
public class EditionPage
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public Edition? Edition { get; set; }
    public int Number { get; set; }
    public required string Name { get; set; }
    public List<Article> Articles { get; set; } = [];
    public List<EditionPageRegion> Regions { get; set; } = [];
}
