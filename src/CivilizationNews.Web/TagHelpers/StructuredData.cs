using System.Globalization;
using System.Text.Json.Nodes;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Time;
using CivilizationNews.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CivilizationNews.Web.TagHelpers;

/// <summary>
/// schema.org data for &lt;json-ld&gt;: NewsArticle (with its corrections as CorrectionComment) and BreadcrumbList on story pages, Organization and
/// BreadcrumbList on unit pages. Built as JSON nodes (never as strings); every URL is absolute and canonical.
/// </summary>
public sealed class StructuredData(PublicUrls urls, IOptions<SiteOptions> site)
{
    public const string LogoPath = "/logo.svg";
    private const string Context = "https://schema.org";

    /// <summary>NewsArticle (with authors by role and its print placement) and the breadcrumb trail.</summary>
    public JsonArray ForArticle(HttpRequest request, ArticleDetail article)
    {
        ArgumentNullException.ThrowIfNull(article);
        var origin = urls.Origin(request);
        var url = origin + PublicPaths.Article(article.Id);
        var authors = new JsonArray();
        foreach (var group in article.Credits)
        {
            foreach (var name in group.Names)
            {
                authors.Add(Node(
                    ("@type", "Person"), ("name", name.Name), ("jobTitle", group.Role),
                    ("url", origin + PublicPaths.Contributor(name.Slug))));
            }
        }
        var images = new JsonArray();
        foreach (var photo in article.Photos)
        {
            // The 960 rendition is never upscaled: narrower originals keep their own size.
            var width = Math.Min(photo.Width, 960);
            var height = photo.Width > 0 ? (int)Math.Round(photo.Height * (width / (double)photo.Width)) : photo.Height;
            images.Add(Node(
                ("@type", "ImageObject"), ("url", origin + PublicPaths.PhotoJpeg(photo.MediaId)),
                ("width", width), ("height", height),
                ("caption", photo.Caption ?? photo.Alt), ("creditText", photo.CreditLine)));
        }
        var placement = article.Placement;
        var newsArticle = Node(
            ("@context", Context),
            ("@type", "NewsArticle"),
            ("@id", url + "#article"),
            ("mainEntityOfPage", Node(("@type", "WebPage"), ("@id", url))),
            ("url", url),
            ("headline", article.Title),
            ("alternativeHeadline", article.Subtitle),
            ("description", article.Summary),
            ("inLanguage", "zh-CN"),
            ("datePublished", ChinaTimestamps.Iso(article.PublishedAt)),
            ("dateModified", ChinaTimestamps.Iso(article.UpdatedAt > article.PublishedAt ? article.UpdatedAt : article.PublishedAt)),
            ("author", authors.Count > 0 ? authors : null),
            ("publisher", Publisher(origin)),
            ("image", images.Count > 0 ? images : null),
            ("articleSection", article.Section.Name),
            ("keywords", article.Tags.Count > 0 ? new JsonArray([.. article.Tags.Select(t => (JsonNode?)t)]) : null),
            ("about", article.Units.Count > 0
                ? new JsonArray([.. article.Units.Select(u => (JsonNode?)Node(("@type", "Organization"), ("name", u.Name), ("url", origin + PublicPaths.Unit(u.Slug))))])
                : null),
            ("printEdition", placement is null ? null
                : string.Create(CultureInfo.InvariantCulture, $"{Core.Time.ChinaTime.FormatShortDate(placement.Date)} 第{placement.EditionNumber}期")),
            ("printPage", placement?.PageNumber.ToString(CultureInfo.InvariantCulture)),
            ("printSection", placement?.PageName),
            ("correction", article.Corrections.Count > 0
                ? new JsonArray([.. article.Corrections.Select(c => (JsonNode?)Node(
                    ("@type", "CorrectionComment"), ("datePublished", ChinaTimestamps.Iso(c.CreatedAt)),
                    ("text", $"原文有误：{c.Wrong} 更正为：{c.Right}")))])
                : null));

        var trail = new List<(string Name, string Path)> { ("首页", PublicPaths.Home), (article.Section.Name, PublicPaths.Section(article.Section.Slug)) };
        if (article.Feature is { } feature)
        {
            trail.Add((feature.Title, PublicPaths.Feature(feature.Slug)));
        }
        trail.Add((article.Title, PublicPaths.Article(article.Id)));
        return [newsArticle, Breadcrumbs(origin, trail)];
    }

    /// <summary>The unit as an Organization (names, address, honours) and the breadcrumb trail.</summary>
    public JsonArray ForUnit(HttpRequest request, UnitProfile unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var origin = urls.Origin(request);
        var url = origin + PublicPaths.Unit(unit.Slug);
        var organization = Node(
            ("@context", Context),
            ("@type", "Organization"),
            ("@id", url + "#organization"),
            ("name", unit.Name),
            ("alternateName", unit.ShortName != unit.Name ? unit.ShortName : null),
            ("url", url),
            ("address", unit.Address is { } address ? Node(("@type", "PostalAddress"), ("streetAddress", address), ("addressCountry", "CN")) : null),
            ("award", unit.Honours.Count > 0
                ? new JsonArray([.. unit.Honours.Select(h => (JsonNode?)string.Create(CultureInfo.InvariantCulture, $"{h.Year}年 {h.Title}"))])
                : null),
            ("mainEntityOfPage", url));
        return [organization, Breadcrumbs(origin, [("首页", PublicPaths.Home), ("单位名录", PublicPaths.UnitDirectory), (unit.Name, PublicPaths.Unit(unit.Slug))])];
    }

    private JsonObject Publisher(string origin) => Node(
        ("@type", "NewsMediaOrganization"),
        ("name", site.Value.Name),
        ("url", origin + PublicPaths.Home),
        ("logo", Node(("@type", "ImageObject"), ("url", origin + LogoPath), ("width", 600), ("height", 60))));

    private static JsonObject Breadcrumbs(string origin, List<(string Name, string Path)> trail)
    {
        var items = new JsonArray();
        for (var i = 0; i < trail.Count; i++)
        {
            items.Add(Node(("@type", "ListItem"), ("position", i + 1), ("name", trail[i].Name), ("item", origin + trail[i].Path)));
        }
        return Node(("@context", Context), ("@type", "BreadcrumbList"), ("itemListElement", items));
    }

    /// <summary>A JSON object without the properties whose value is null (schema.org has no use for nulls).</summary>
    private static JsonObject Node(params (string Key, JsonNode? Value)[] properties)
    {
        var node = new JsonObject();
        foreach (var (key, value) in properties)
        {
            if (value is not null)
            {
                node[key] = value;
            }
        }
        return node;
    }
}
