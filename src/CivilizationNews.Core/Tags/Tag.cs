using CivilizationNews.Core.Articles;

namespace CivilizationNews.Core.Tags;

/// <summary>A free tag. Its name is Chinese and doubles as the URL slug.</summary>
public class Tag
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public List<ArticleTag> Articles { get; set; } = [];
}
