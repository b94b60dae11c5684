using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CivilizationNews.Web.Tests.Support.DiscoveryKit;

namespace CivilizationNews.Web.Tests.TagHelpers;

/// <summary>JSON-LD on story and unit pages parses with System.Text.Json and carries what search engines read.</summary>
public sealed partial class StructuredDataTests
{
    [Fact]
    public async Task Story_page_describes_a_NewsArticle_with_authors_by_role_and_print_placement()
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings();
        var client = app.CreateClient();
        var lead = await factory.QueryAsync(db => db.Articles.Where(a => a.Title == LeadTitle)
            .Select(a => new { a.Id, a.EditionPage!.Name, a.EditionPage.Edition!.Number, Photo = a.Photos.Select(p => p.MediaId).First() }).SingleAsync());

        var (_, doc) = await Html.GetAsync(client, $"/article/{lead.Id}");
        var article = Single(doc, "NewsArticle");
        var canonical = doc.Head!.QuerySelector("link[rel='canonical']")!.GetAttribute("href");

        Assert.Equal($"{Origin}/article/{lead.Id}", canonical);
        Assert.Equal("https://schema.org", article.GetProperty("@context").GetString());
        Assert.Equal(canonical, article.GetProperty("mainEntityOfPage").GetProperty("@id").GetString());
        Assert.Equal(canonical, article.GetProperty("url").GetString());
        Assert.Equal(LeadTitle, article.GetProperty("headline").GetString());
        Assert.Equal("盘点2021年市直机关文明创建工作", article.GetProperty("alternativeHeadline").GetString());
        Assert.Equal("2021-12-10T06:30:00+08:00", article.GetProperty("datePublished").GetString());
        Assert.EndsWith("+08:00", article.GetProperty("dateModified").GetString(), StringComparison.Ordinal);
        Assert.True(DateTimeOffset.Parse(article.GetProperty("dateModified").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            >= DateTimeOffset.Parse(article.GetProperty("datePublished").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        var authors = article.GetProperty("author").EnumerateArray().ToList();
        Assert.Equal(["刘思远", "张晓燕"], authors.Select(a => a.GetProperty("name").GetString()));
        Assert.Equal(["本报记者", "通讯员"], authors.Select(a => a.GetProperty("jobTitle").GetString()));
        Assert.All(authors, a => Assert.Equal("Person", a.GetProperty("@type").GetString()));
        Assert.Equal($"{Origin}/contributor/liusiyuan", authors[0].GetProperty("url").GetString());
        var publisher = article.GetProperty("publisher");
        Assert.Equal("河东日报", publisher.GetProperty("name").GetString());
        Assert.EndsWith("Organization", publisher.GetProperty("@type").GetString(), StringComparison.Ordinal);
        var logo = publisher.GetProperty("logo").GetProperty("url").GetString()!;
        Assert.Equal(HttpStatusCode.OK, (await GetTextAsync(client, PathOf(logo))).Response.StatusCode);
        var image = article.GetProperty("image")[0];
        Assert.Equal($"{Origin}/media/{lead.Photo}/w960.jpg", image.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, (await GetTextAsync(client, PathOf(image.GetProperty("url").GetString()!))).Response.StatusCode);
        Assert.True(image.GetProperty("width").GetInt32() is > 0 and <= 960);
        Assert.Equal("文明创建", article.GetProperty("articleSection").GetString());
        Assert.Equal($"2021年12月10日 第{lead.Number}期", article.GetProperty("printEdition").GetString());
        Assert.Equal("5", article.GetProperty("printPage").GetString());
        Assert.Equal(lead.Name, article.GetProperty("printSection").GetString());
        Assert.Contains("志愿服务", article.GetProperty("keywords").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task Story_page_has_a_breadcrumb_trail_ending_at_its_canonical_url()
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings();
        var id = await factory.QueryAsync(db => db.Articles.Where(a => a.Title == LeadTitle).Select(a => a.Id).SingleAsync());

        var (_, doc) = await Html.GetAsync(app.CreateClient(), $"/article/{id}");
        var items = Single(doc, "BreadcrumbList").GetProperty("itemListElement").EnumerateArray().ToList();

        Assert.Equal([1, 2, 3, 4], items.Select(i => i.GetProperty("position").GetInt32()));
        Assert.Equal(["首页", "文明创建", "2021年市直机关文明创建巡礼", LeadTitle], items.Select(i => i.GetProperty("name").GetString()));
        Assert.Equal($"{Origin}/", items[0].GetProperty("item").GetString());
        Assert.Equal($"{Origin}/section/wenming", items[1].GetProperty("item").GetString());
        Assert.Equal($"{Origin}/article/{id}", items[^1].GetProperty("item").GetString());
    }

    [Fact]
    public async Task Unit_page_describes_the_unit_as_an_Organization()
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings();

        var (_, doc) = await Html.GetAsync(app.CreateClient(), "/unit/zxyy");
        var organization = Single(doc, "Organization");
        var trail = Single(doc, "BreadcrumbList").GetProperty("itemListElement").EnumerateArray().ToList();

        Assert.Equal("运城市中心医院", organization.GetProperty("name").GetString());
        Assert.Equal("市中心医院", organization.GetProperty("alternateName").GetString());
        Assert.Equal($"{Origin}/unit/zxyy", organization.GetProperty("url").GetString());
        Assert.Equal(doc.Head!.QuerySelector("link[rel='canonical']")!.GetAttribute("href"), organization.GetProperty("url").GetString());
        Assert.NotEmpty(organization.GetProperty("award").EnumerateArray());
        Assert.Matches("^[0-9]{4}年 ", organization.GetProperty("award")[0].GetString());
        Assert.Equal(["首页", "单位名录", "运城市中心医院"], trail.Select(i => i.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Markup_in_a_headline_cannot_end_the_script()
    {
        await using var factory = await PortalFactory.CreateAsync();
        const string hostile = "</script><script>alert(1)</script><!-- 标题";
        var id = await AddStoryAsync(factory.Services, hostile, DateTime.UtcNow.AddHours(-1), a => a.Subtitle = "</SCRIPT >&<b>副题");

        var (response, body) = await GetTextAsync(factory.CreateClient(), $"/article/{id}");
        var scripts = LdScript().Matches(body).Select(m => m.Groups[1].Value).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(scripts);
        Assert.DoesNotContain(scripts, s => s.Contains('<', StringComparison.Ordinal) || s.Contains('>', StringComparison.Ordinal));
        Assert.DoesNotContain("<script>alert(1)", body, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(scripts[0]);
        var article = json.RootElement.EnumerateArray().Single(e => e.GetProperty("@type").GetString() == "NewsArticle");
        Assert.Equal(hostile, article.GetProperty("headline").GetString());
        Assert.Equal("</SCRIPT >&<b>副题", article.GetProperty("alternativeHeadline").GetString());
        // Chinese stays readable in the page source.
        Assert.Contains("标题", scripts[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Canonical_urls_use_the_request_origin_unless_a_public_base_url_is_set()
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings();
        var id = await factory.QueryAsync(db => db.Articles.Select(a => a.Id).FirstAsync());

        var (_, plain) = await Html.GetAsync(factory.CreateClient(), $"/article/{id}");
        var (_, configured) = await Html.GetAsync(app.CreateClient(), $"/article/{id}");

        Assert.Equal($"http://localhost/article/{id}", plain.Head!.QuerySelector("link[rel='canonical']")!.GetAttribute("href"));
        Assert.Equal($"{Origin}/article/{id}", configured.Head!.QuerySelector("link[rel='canonical']")!.GetAttribute("href"));
        Assert.Equal($"http://localhost/article/{id}", Single(plain, "NewsArticle").GetProperty("url").GetString());
    }

    /// <summary>The one JSON-LD object of a type on the page, from all its ld+json scripts (objects or arrays).</summary>
    private static JsonElement Single(IDocument doc, string type)
    {
        var nodes = new List<JsonElement>();
        foreach (var script in doc.QuerySelectorAll("script[type='application/ld+json']"))
        {
            var root = JsonDocument.Parse(script.TextContent).RootElement;
            nodes.AddRange(root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : [root]);
        }
        return nodes.Single(n => n.GetProperty("@type").GetString() == type);
    }

    [GeneratedRegex("<script type=\"application/ld\\+json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex LdScript();
}
