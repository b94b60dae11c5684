using System.Globalization;
using System.Text;
using System.Xml;
using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Sitemaps;
using CivilizationNews.Core.Time;
using CivilizationNews.Web.Infrastructure;
using CivilizationNews.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace CivilizationNews.Web.Controllers;

/// <summary>
/// What crawlers read: robots.txt, the sitemap index (/sitemap.xml), one sitemap per kind of page, one
/// per month of stories, the Google-News sitemap of the last 48 hours, and the publisher logo that the
/// NewsArticle data points to. Every URL is absolute and canonical.
/// </summary>
[OutputCache(PolicyName = OutputCaching.PublicPolicy)]
[HoldDatabaseConnection]
public sealed class SitemapsController(SitemapReader sitemaps, PublicUrls urls, IOptions<SiteOptions> site) : Controller
{
    private const string SitemapNs = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string NewsNs = "http://www.google.com/schemas/sitemap-news/0.9";
    private const string CacheControl = "public, max-age=600";
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The kinds of page that each have one sitemap, by file name.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["pages", "sections", "units", "contributors", "editions", "news"];

    [HttpGet("/robots.txt")]
    public IActionResult Robots()
    {
        var text = new StringBuilder()
            .Append("User-agent: *\n")
            .Append("Disallow: /admin/\n")
            .Append("Disallow: /error/\n")
            .Append('\n')
            .Append("Sitemap: ").Append(urls.Absolute(Request, "/sitemap.xml")).Append('\n')
            .ToString();
        Response.Headers.CacheControl = "public, max-age=3600";
        return Content(text, "text/plain; charset=utf-8", Utf8);
    }

    [HttpGet("/sitemap.xml")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var months = await sitemaps.StoryMonthsAsync(cancellationToken);
        var latest = months.Count > 0 ? months.Max(m => m.LastModified) : (DateTime?)null;
        return Xml(w =>
        {
            w.WriteStartElement("sitemapindex", SitemapNs);
            foreach (var kind in Kinds)
            {
                Sitemap(w, $"/sitemaps/{kind}.xml", kind is "pages" or "sections" ? latest : null);
            }
            foreach (var m in months)
            {
                Sitemap(w, StoriesPath(m.Year, m.Month), m.LastModified);
            }
            w.WriteEndElement();
        });

        void Sitemap(XmlWriter w, string path, DateTime? lastModified)
        {
            w.WriteStartElement("sitemap", SitemapNs);
            w.WriteElementString("loc", SitemapNs, urls.Absolute(Request, path));
            if (lastModified is { } at)
            {
                w.WriteElementString("lastmod", SitemapNs, ChinaTimestamps.Iso(at));
            }
            w.WriteEndElement();
        }
    }

    /// <summary>/sitemaps/stories-2021-12.xml: the stories published in that month (China time).</summary>
    [HttpGet("/sitemaps/stories-{month}.xml")]
    public async Task<IActionResult> Stories(string month, CancellationToken cancellationToken)
    {
        if (month.Length != 7
            || !DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first)
            || await sitemaps.StoriesInMonthAsync(first.Year, first.Month, cancellationToken) is not { Count: > 0 } stories)
        {
            return NotFound();
        }
        return UrlSet(stories);
    }

    [HttpGet("/sitemaps/pages.xml")]
    public async Task<IActionResult> Pages(CancellationToken cancellationToken) => UrlSet(await sitemaps.PagesAsync(cancellationToken));

    [HttpGet("/sitemaps/sections.xml")]
    public async Task<IActionResult> Sections(CancellationToken cancellationToken) => UrlSet(await sitemaps.SectionsAsync(cancellationToken));

    [HttpGet("/sitemaps/units.xml")]
    public async Task<IActionResult> Units(CancellationToken cancellationToken) => UrlSet(await sitemaps.UnitsAsync(cancellationToken));

    [HttpGet("/sitemaps/contributors.xml")]
    public async Task<IActionResult> Contributors(CancellationToken cancellationToken) => UrlSet(await sitemaps.ContributorsAsync(cancellationToken));

    [HttpGet("/sitemaps/editions.xml")]
    public async Task<IActionResult> Editions(CancellationToken cancellationToken) => UrlSet(await sitemaps.EditionsAsync(cancellationToken));

    /// <summary>Google News: stories of the last 48 hours (an empty urlset when there are none).</summary>
    [HttpGet("/sitemaps/news.xml")]
    public async Task<IActionResult> News(CancellationToken cancellationToken)
    {
        var news = await sitemaps.RecentNewsAsync(cancellationToken);
        return Xml(w =>
        {
            w.WriteStartElement("urlset", SitemapNs);
            w.WriteAttributeString("xmlns", "news", null, NewsNs);
            foreach (var story in news)
            {
                w.WriteStartElement("url", SitemapNs);
                w.WriteElementString("loc", SitemapNs, urls.Absolute(Request, PublicPaths.Article(story.Id)));
                w.WriteStartElement("news", "news", NewsNs);
                w.WriteStartElement("news", "publication", NewsNs);
                w.WriteElementString("news", "name", NewsNs, site.Value.Name);
                // Google News's code for Simplified Chinese.
                w.WriteElementString("news", "language", NewsNs, "zh-cn");
                w.WriteEndElement();
                w.WriteElementString("news", "publication_date", NewsNs, ChinaTimestamps.Iso(story.PublishedAt));
                w.WriteElementString("news", "title", NewsNs, story.Title);
                if (story.Keywords.Count > 0)
                {
                    w.WriteElementString("news", "keywords", NewsNs, string.Join(", ", story.Keywords));
                }
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        });
    }

    /// <summary>The publisher logo of the NewsArticle data (600×60), drawn with the configured paper name.</summary>
    [HttpGet(StructuredData.LogoPath)]
    public IActionResult Logo()
    {
        var name = System.Security.SecurityElement.Escape(site.Value.Name);
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"60\" viewBox=\"0 0 600 60\" role=\"img\" aria-label=\"" + name + "\">"
            + "<rect width=\"600\" height=\"60\" fill=\"#c00000\"/>"
            + "<text x=\"24\" y=\"43\" fill=\"#fff\" font-size=\"36\" font-weight=\"700\" "
            + "font-family=\"'Noto Serif CJK SC','Source Han Serif SC','Songti SC',serif\">" + name + "</text></svg>";
        Response.Headers.CacheControl = "public, max-age=86400";
        return Content(svg, "image/svg+xml; charset=utf-8", Utf8);
    }

    public static string StoriesPath(int year, int month) =>
        string.Create(CultureInfo.InvariantCulture, $"/sitemaps/stories-{year:D4}-{month:D2}.xml");

    private FileContentResult UrlSet(IReadOnlyList<SitemapUrl> entries) => Xml(w =>
    {
        w.WriteStartElement("urlset", SitemapNs);
        foreach (var entry in entries)
        {
            w.WriteStartElement("url", SitemapNs);
            w.WriteElementString("loc", SitemapNs, urls.Absolute(Request, entry.Path));
            if (entry.LastModified is { } at)
            {
                w.WriteElementString("lastmod", SitemapNs, ChinaTimestamps.Iso(at));
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
    });

    private FileContentResult Xml(Action<XmlWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = Utf8 }))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }
        Response.Headers.CacheControl = CacheControl;
        HttpContext.AddCacheTags(ContentTags.Sitemaps);
        return File(buffer.ToArray(), "application/xml; charset=utf-8");
    }
}
