using System.Globalization;
using System.Net;
using System.Xml.Linq;
using CivilizationNews.Core.Articles;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CivilizationNews.Web.Tests.Support.DiscoveryKit;

namespace CivilizationNews.Web.Tests.Controllers;

/// <summary>robots.txt, the sitemap index and every sitemap it lists: absolute, canonical, reachable URLs.</summary>
public sealed class SitemapsTests
{
    [Fact]
    public async Task Robots_txt_points_to_the_sitemap_index_and_keeps_crawlers_out_of_the_admin()
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings();

        var (response, body) = await GetTextAsync(app.CreateClient(), "/robots.txt");
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("User-agent: *", lines[0]);
        Assert.Contains("Disallow: /admin/", lines);
        Assert.Contains($"Sitemap: {Origin}/sitemap.xml", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("Disallow: /article", StringComparison.Ordinal) || l == "Disallow: /");
    }

    [Fact]
    public async Task Sitemap_index_lists_each_kind_and_each_month_of_stories()
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings();

        var index = await GetXmlAsync(app.CreateClient(), "/sitemap.xml");
        var locs = index.Root!.Elements(Sitemap + "sitemap").Select(s => s.Element(Sitemap + "loc")!.Value).ToList();

        Assert.Equal(Sitemap + "sitemapindex", index.Root.Name);
        foreach (var kind in new[] { "pages", "sections", "units", "contributors", "editions", "news" })
        {
            Assert.Contains($"{Origin}/sitemaps/{kind}.xml", locs);
        }
        Assert.Contains($"{Origin}/sitemaps/stories-2021-12.xml", locs);
        Assert.Equal(locs.Count, locs.Distinct().Count());
        var december = index.Root.Elements(Sitemap + "sitemap").Single(s => s.Element(Sitemap + "loc")!.Value.EndsWith("stories-2021-12.xml", StringComparison.Ordinal));
        Assert.EndsWith("+08:00", december.Element(Sitemap + "lastmod")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_sitemap_url_is_absolute_canonical_and_answers_200()
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings();
        var client = app.CreateClient();
        var published = await factory.QueryAsync(db => db.Articles.CountAsync(a => a.Status == ArticleStatus.Published));

        var index = await GetXmlAsync(client, "/sitemap.xml");
        var sitemaps = index.Root!.Elements(Sitemap + "sitemap").Select(s => s.Element(Sitemap + "loc")!.Value).ToList();
        var pages = new List<string>();
        foreach (var sitemap in sitemaps)
        {
            var set = await GetXmlAsync(client, PathOf(sitemap));
            Assert.Equal(Sitemap + "urlset", set.Root!.Name);
            foreach (var url in set.Root.Elements(Sitemap + "url"))
            {
                pages.Add(url.Element(Sitemap + "loc")!.Value);
                if (url.Element(Sitemap + "lastmod") is { } lastmod)
                {
                    Assert.True(DateTimeOffset.TryParseExact(lastmod.Value, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at));
                    Assert.Equal(TimeSpan.FromHours(8), at.Offset);
                }
            }
        }

        Assert.Equal(pages.Count, pages.Distinct().Count());
        Assert.Equal(published, pages.Count(p => p.StartsWith($"{Origin}/article/", StringComparison.Ordinal)));
        Assert.Contains($"{Origin}/", pages);
        Assert.Contains($"{Origin}/feature/2021-wenming-chuangjian", pages);
        Assert.Contains($"{Origin}/section/wenming", pages);
        Assert.Contains($"{Origin}/unit/zxyy", pages);
        Assert.Contains($"{Origin}/contributor/guozhaohui", pages);
        Assert.Contains($"{Origin}/epaper/2021-12-10", pages);
        Assert.Contains($"{Origin}/epaper/2021-12-10/5", pages);
        foreach (var page in pages)
        {
            var (response, doc) = await Html.GetAsync(client, PathOf(page));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page} answered {(int)response.StatusCode}");
            // The sitemap names each page by the same URL the page calls canonical.
            Assert.Equal(page, doc.Head!.QuerySelector("link[rel='canonical']")?.GetAttribute("href"));
        }
    }

    [Fact]
    public async Task Story_months_follow_china_time()
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings();
        var client = app.CreateClient();
        // 2022-01-31 16:30 UTC is 2022-02-01 00:30 in China: a February story.
        var id = await AddStoryAsync(app.Services, "二月第一篇", new DateTime(2022, 1, 31, 16, 30, 0, DateTimeKind.Utc));

        var index = await GetXmlAsync(client, "/sitemap.xml");
        var february = await GetXmlAsync(client, "/sitemaps/stories-2022-02.xml");
        var (january, _) = await GetTextAsync(client, "/sitemaps/stories-2022-01.xml");

        Assert.Contains(index.Root!.Descendants(Sitemap + "loc"), l => l.Value == $"{Origin}/sitemaps/stories-2022-02.xml");
        var url = Assert.Single(february.Root!.Elements(Sitemap + "url"));
        Assert.Equal($"{Origin}/article/{id}", url.Element(Sitemap + "loc")!.Value);
        // lastmod is the later of publication and the last save (here: the insert, just now).
        Assert.True(DateTimeOffset.Parse(url.Element(Sitemap + "lastmod")!.Value, CultureInfo.InvariantCulture)
            >= new DateTimeOffset(2022, 2, 1, 0, 30, 0, TimeSpan.FromHours(8)));
        Assert.Equal(HttpStatusCode.NotFound, january.StatusCode);
    }

    [Theory]
    [InlineData("/sitemaps/stories-1999-01.xml")]
    [InlineData("/sitemaps/stories-2021-13.xml")]
    [InlineData("/sitemaps/stories-2021-1.xml")]
    [InlineData("/sitemaps/stories-abc.xml")]
    [InlineData("/sitemaps/other.xml")]
    public async Task Unknown_sitemaps_answer_404(string url)
    {
        await using var factory = await PortalFactory.CreateAsync();

        var (response, _) = await GetTextAsync(factory.CreateClient(), url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task News_sitemap_lists_the_stories_of_the_last_48_hours()
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings();
        var client = app.CreateClient();
        var now = DateTime.UtcNow;

        // The demo paper is from 2021: nothing is news until a story is published now.
        var before = await GetXmlAsync(client, "/sitemaps/news.xml");
        var fresh = await AddStoryAsync(app.Services, "刚刚发布的新闻", now.AddMinutes(-5), a => a.Tags.Add(new ArticleTag { Tag = new Core.Tags.Tag { Name = "新闻测试" } }));
        await AddStoryAsync(app.Services, "三天前的新闻", now.AddDays(-3));
        await AddStoryAsync(app.Services, "尚未到发布时间", now.AddHours(2));
        var after = await GetXmlAsync(client, "/sitemaps/news.xml");

        Assert.Equal(Sitemap + "urlset", before.Root!.Name);
        Assert.Empty(before.Root.Elements(Sitemap + "url"));
        var url = Assert.Single(after.Root!.Elements(Sitemap + "url"));
        Assert.Equal($"{Origin}/article/{fresh}", url.Element(Sitemap + "loc")!.Value);
        var news = url.Element(News + "news")!;
        Assert.Equal("河东日报", news.Element(News + "publication")!.Element(News + "name")!.Value);
        Assert.Equal("zh-cn", news.Element(News + "publication")!.Element(News + "language")!.Value);
        Assert.Equal("刚刚发布的新闻", news.Element(News + "title")!.Value);
        Assert.Equal("新闻测试", news.Element(News + "keywords")!.Value);
        var published = DateTimeOffset.Parse(news.Element(News + "publication_date")!.Value, CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(8), published.Offset);
        Assert.True((now.AddMinutes(-5) - published.UtcDateTime).Duration() < TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await GetTextAsync(client, PathOf(url.Element(Sitemap + "loc")!.Value))).Response.StatusCode);
    }

    [Fact]
    public async Task Publisher_logo_is_served_as_svg_with_the_papers_name()
    {
        await using var factory = await PortalFactory.CreateAsync();

        var (response, body) = await GetTextAsync(factory.CreateClient(), "/logo.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        var svg = XDocument.Parse(body);
        Assert.Equal("河东日报", svg.Root!.Elements().Single(e => e.Name.LocalName == "text").Value);
    }
}
