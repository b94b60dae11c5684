using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;

namespace CivilizationNews.Core.Sections;

/// <summary>栏目: a section of the paper such as 要闻 or 民生.</summary>
public class Section : IVersioned
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public string? Description { get; set; }
    public int SortOrder { get; set; }
    public Guid Version { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<Article> Articles { get; set; } = [];
}
