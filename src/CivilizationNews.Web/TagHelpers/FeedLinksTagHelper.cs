using System.Text.Encodings.Web;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Options;

namespace CivilizationNews.Web.TagHelpers;

/// <summary>
/// &lt;feed-links path="/unit/szgw" name="市直工委" /&gt; writes the RSS and Atom
/// &lt;link rel="alternate"&gt; pair for the feeds at {path}/rss and {path}/atom, with absolute hrefs.
/// path "/feed" is the whole site's feed.
/// </summary>
[HtmlTargetElement("feed-links", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FeedLinksTagHelper(PublicUrls urls, IOptions<SiteOptions> site, HtmlEncoder encoder) : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <summary>The page path the feeds hang off (the feeds are {path}/rss and {path}/atom).</summary>
    public string Path { get; set; } = FeedPaths.Site;

    /// <summary>What the feed is about; empty for the whole site.</summary>
    public string? Name { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = null;
        var title = FeedPaths.Title(Name, site.Value.Name);
        var request = ViewContext.HttpContext.Request;
        output.Content.AppendHtml(
            $"<link rel=\"alternate\" type=\"{FeedPaths.RssType}\" title=\"{E(title)} (RSS)\" href=\"{E(urls.Absolute(request, FeedPaths.Rss(Path)))}\">\n");
        output.Content.AppendHtml(
            $"<link rel=\"alternate\" type=\"{FeedPaths.AtomType}\" title=\"{E(title)} (Atom)\" href=\"{E(urls.Absolute(request, FeedPaths.Atom(Path)))}\">\n");
    }

    private string E(string value) => encoder.Encode(value);
}

/// <summary>Where each page's feeds live: {page path}/rss and {page path}/atom.</summary>
public static class FeedPaths
{
    public const string Site = "/feed";
    public const string Epaper = "/epaper";
    public const string RssType = "application/rss+xml";
    public const string AtomType = "application/atom+xml";

    public static string Rss(string path) => path.TrimEnd('/') + "/rss";

    public static string Atom(string path) => path.TrimEnd('/') + "/atom";

    /// <summary>"运城市中心医院 - 河东日报", or the paper's name for the site feed (the same order as page titles).</summary>
    public static string Title(string? name, string siteName) =>
        string.IsNullOrWhiteSpace(name) || name == siteName ? siteName : $"{name} - {siteName}";
}
