namespace CivilizationNews.Web.Infrastructure;

/// <summary>The "Site" configuration section: the paper's name as shown in the masthead.</summary>
public sealed class SiteOptions
{
    public const string SectionName = "Site";

    public string Name { get; set; } = "河东日报";
    public string Tagline { get; set; } = "运城市委机关报";
    /// <summary>The public origin (https://news.example.cn) used for canonical URLs; empty means the request's own.</summary>
    public string PublicBaseUrl { get; set; } = string.Empty;
}
