using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Media;

namespace CivilizationNews.Core.Features;

/// <summary>专题 / 专版: a package such as the annual roundup, published as a whole.</summary>
public class Feature : IVersioned
{
    public int Id { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public string? Summary { get; set; }
    public int LeadArticleId { get; set; }
    public Article? LeadArticle { get; set; }
    public int? EditionPageId { get; set; }
    public EditionPage? EditionPage { get; set; }
    /// <summary>The heading of the page byline block, usually 本版撰文.</summary>
    public string BylineLabel { get; set; } = "本版撰文";
    public bool IsPublished { get; set; }
    public DateTime? PublishedAt { get; set; }
    public Guid Version { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<FeatureSidebar> Sidebars { get; set; } = [];
    public List<FeaturePhoto> Photos { get; set; } = [];
    public List<FeatureByline> Byline { get; set; } = [];
}

public class FeatureSidebar
{
    public int FeatureId { get; set; }
    public Feature? Feature { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public int SortOrder { get; set; }
}

public class FeaturePhoto
{
    public int FeatureId { get; set; }
    public Feature? Feature { get; set; }
    public int MediaId { get; set; }
    public MediaItem? Media { get; set; }
    public int SortOrder { get; set; }
}

/// <summary>One name in the page byline, under its role (本报记者 …　通讯员 …).</summary>
public class FeatureByline
{
    public int Id { get; set; }
    public int FeatureId { get; set; }
    public Feature? Feature { get; set; }
    public CreditRole Role { get; set; }
    public required string Name { get; set; }
    public int? ContributorId { get; set; }
    public Contributor? Contributor { get; set; }
    public int SortOrder { get; set; }
}
