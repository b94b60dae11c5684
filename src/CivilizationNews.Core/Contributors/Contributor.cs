using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;

namespace CivilizationNews.Core.Contributors;

/// <summary>作者: a reporter, correspondent or photographer who is credited on stories.</summary>
public class Contributor : IVersioned
{
    public const int NameMaxLength = 50;

    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public CreditRole UsualRole { get; set; } = CreditRole.Reporter;
    public string? Organisation { get; set; }
    public Guid Version { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<ArticleCredit> Credits { get; set; } = [];
}
