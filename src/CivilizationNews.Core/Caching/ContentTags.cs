using System.Globalization;

namespace CivilizationNews.Core.Caching;

/// <summary>
/// Names for what a public page shows. A cached page carries the tags of everything it renders;
/// a committed change evicts the tags of everything it touched (see <see cref="ContentChangeCollector"/> and Saving/SavePipeline).
/// </summary>
public static class ContentTags
{
    /// <summary>On every cached public page: navigation and the masthead show sections on all of them.</summary>
    public const string Site = "site";
    public const string Home = "home";
    public const string Units = "units";
    public const string Epaper = "epaper";
    public const string Feeds = "feeds";
    public const string Sitemaps = "sitemaps";

    /// <summary>The public list of corrections (/corrections).</summary>
    public const string Corrections = "corrections";

    public static string Article(int id) => "article:" + id.ToString(CultureInfo.InvariantCulture);

    public static string Section(string slug) => "section:" + slug;

    public static string Unit(string slug) => "unit:" + slug;

    public static string Tag(string name) => "tag:" + name;

    public static string Contributor(string slug) => "contributor:" + slug;

    public static string Feature(string slug) => "feature:" + slug;

    public static string Edition(DateOnly date) => "edition:" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Media(int id) => "media:" + id.ToString(CultureInfo.InvariantCulture);
}
