using System.Net;
using System.ServiceModel.Syndication;
using System.Xml.Linq;
using CivilizationNews.Core.Articles;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CivilizationNews.Web.Tests.Support.DiscoveryKit;

namespace CivilizationNews.Web.Tests.Controllers;

/// <summary>Every feed parses back with SyndicationFeed.Load and describes its stories completely.</summary>
public sealed class FeedsTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public static TheoryData<string, string> Feeds => new()
    {
        { "/feed/rss", "application/rss+xml" },
        { "/feed/atom", "application/atom+xml" },
        { "/section/wenming/rss", "application/rss+xml" },
        { "/section/wenming/atom", "application/atom+xml" },
        { "/unit/zxyy/rss", "application/rss+xml" },
        { "/unit/zxyy/atom", "application/atom+xml" },
        { "/contributor/liusiyuan/rss", "application/rss+xml" },
        { "/contributor/liusiyuan/atom", "application/atom+xml" },
        { "/tag/" + "%E5%BF%97%E6%84%BF%E6%9C%8D%E5%8A%A1" + "/rss", "application/rss+xml" },
        { "/epaper/rss", "application/rss+xml" },
        { "/epaper/atom", "application/atom+xml" },
    };

    [Theory]
    [MemberData(nameof(Feeds))]
    public async Task Every_feed_parses_back_with_absolute_links_and_china_time(string url, string mediaType)
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings();
        var client = app.CreateClient();

        var (response, body) = await GetTextAsync(client, url);
        var feed = ParseFeed(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("zh-CN", feed.Language ?? XDocument.Parse(body).Root!.Attribute(XNamespace.Xml + "lang")?.Value);
        Assert.EndsWith("河东日报", feed.Title.Text, StringComparison.Ordinal);
        Assert.Contains(feed.Links, l => l.RelationshipType == "self" && l.Uri.AbsoluteUri == Origin + url);
        Assert.NotEmpty(feed.Items);
        foreach (var item in feed.Items)
        {
            var link = Assert.Single(item.Links, l => l.RelationshipType == "alternate");
            Assert.Matches($"^{Origin}/article/[0-9]+$", link.Uri.AbsoluteUri);
            Assert.Equal(link.Uri.AbsoluteUri, item.Id);
            Assert.False(string.IsNullOrWhiteSpace(item.Title.Text));
            Assert.Equal(China, item.PublishDate.Offset);
            Assert.NotEmpty(item.Categories);
        }
    }

    [Fact]
    public async Task Site_feed_carries_the_newest_stories_first()
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings();
        var newest = await factory.QueryAsync(db => db.Articles.Where(a => a.Status == ArticleStatus.Published)
            .OrderByDescending(a => a.PublishedAt).ThenByDescending(a => a.Id).Select(a => a.Id).Take(20).ToListAsync());

        var feed = await GetFeedAsync(app.CreateClient(), "/feed/atom");

        Assert.Equal(newest.Select(id => $"{Origin}/article/{id}"), feed.Items.Select(i => i.Id));
        Assert.Equal(feed.Items.Max(i => i.LastUpdatedTime), feed.LastUpdatedTime);
    }

    [Theory]
    [InlineData("rss")]
    [InlineData("atom")]
    public async Task A_story_item_has_its_byline_by_role_dates_enclosure_and_categories(string format)
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings();
        var lead = await factory.QueryAsync(db => db.Articles.Where(a => a.Title == LeadTitle)
            .Select(a => new
            {
                a.Id, a.Summary, PublishedAt = a.PublishedAt!.Value,
                Photo = a.Photos.OrderBy(p => p.SortOrder).Select(p => p.MediaId).First(),
            }).SingleAsync());
        var jpegLength = await factory.QueryAsync(db => db.MediaVariants
            .Where(v => v.MediaId == lead.Photo && v.Name == "w960.jpg").Select(v => v.Data.Length).SingleAsync());

        var (_, body) = await GetTextAsync(app.CreateClient(), $"/section/wenming/{format}");
        var item = ParseFeed(body).Items.Single(i => i.Id == $"{Origin}/article/{lead.Id}");

        Assert.Equal(LeadTitle, item.Title.Text);
        Assert.Equal(lead.Summary, item.Summary.Text);
        // 2021-12-10 06:30 in China, however the server's clock is set.
        Assert.Equal(new DateTimeOffset(2021, 12, 10, 6, 30, 0, China), item.PublishDate);
        Assert.Equal(China, item.PublishDate.Offset);
        Assert.Equal(lead.PublishedAt, item.PublishDate.UtcDateTime);
        Assert.Equal(["本报记者 刘思远", "通讯员 张晓燕"], item.Authors.Select(a => a.Name));
        Assert.Equal($"{Origin}/contributor/liusiyuan", item.Authors[0].Uri);
        var enclosure = Assert.Single(item.Links, l => l.RelationshipType == "enclosure");
        Assert.Equal($"{Origin}/media/{lead.Photo}/w960.jpg", enclosure.Uri.AbsoluteUri);
        Assert.Equal("image/jpeg", enclosure.MediaType);
        Assert.Equal(jpegLength, enclosure.Length);
        Assert.Contains(item.Categories, c => c.Name == "文明创建");
        Assert.Contains(item.Categories, c => c.Name == "志愿服务");
        if (format == "rss")
        {
            // RFC 822 dates with the China offset, and the byline where RSS readers look for it.
            Assert.Contains("<pubDate>Fri, 10 Dec 2021 06:30:00 +0800</pubDate>", body, StringComparison.Ordinal);
            var creator = item.ElementExtensions.ReadElementExtensions<string>("creator", "http://purl.org/dc/elements/1.1/");
            Assert.Equal("本报记者 刘思远　通讯员 张晓燕", Assert.Single(creator));
        }
        else
        {
            Assert.Contains("<published>2021-12-10T06:30:00+08:00</published>", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Enclosures_are_served_with_the_length_the_feed_announces()
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings();
        var client = app.CreateClient();

        var feed = await GetFeedAsync(client, "/feed/rss");
        var enclosures = feed.Items.SelectMany(i => i.Links).Where(l => l.RelationshipType == "enclosure").ToList();

        Assert.NotEmpty(enclosures);
        foreach (var enclosure in enclosures)
        {
            using var image = await client.GetAsync(new Uri(PathOf(enclosure.Uri.AbsoluteUri), UriKind.Relative), TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, image.StatusCode);
            Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);
            Assert.Equal(enclosure.Length, (await image.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken)).LongLength);
        }
    }

    [Theory]
    [InlineData("rss")]
    [InlineData("atom")]
    public async Task Full_text_feeds_carry_the_rendered_story(string format)
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings(("Feeds:FullText", "true"));
        var leadId = await factory.QueryAsync(db => db.Articles.Where(a => a.Title == LeadTitle).Select(a => a.Id).SingleAsync());

        var feed = await GetFeedAsync(app.CreateClient(), $"/unit/szgw/{format}");
        var item = feed.Items.Single(i => i.Id == $"{Origin}/article/{leadId}");
        var html = ((TextSyndicationContent)item.Summary).Text;

        // Atom marks the summary as HTML; RSS's description is HTML by convention and carries no type.
        Assert.Equal(format == "atom" ? "html" : "text", item.Summary.Type);
        Assert.Contains("<p>——盘点2021年市直机关文明创建工作</p>", html, StringComparison.Ordinal);
        Assert.Contains("<strong class=\"dateline\">本报讯</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>一抹抹志愿红，扮靓城市大街小巷</h2>", html, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"{Origin}/media/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("**", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subject_feeds_hold_only_their_subjects_stories()
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings();
        var client = app.CreateClient();
        var unitStories = await factory.QueryAsync(db => db.Articles
            .Where(a => a.Status == ArticleStatus.Published && a.Units.Any(u => u.Unit!.Slug == "zxyy"))
            .Select(a => a.Id).ToListAsync());
        var reporterStories = await factory.QueryAsync(db => db.Articles
            .Where(a => a.Status == ArticleStatus.Published && a.Credits.Any(c => c.Contributor!.Slug == "liusiyuan"))
            .Select(a => a.Id).ToListAsync());
        var sectionStories = await factory.QueryAsync(db => db.Articles
            .Where(a => a.Status == ArticleStatus.Published && a.Section!.Slug == "minsheng").Select(a => a.Id).ToListAsync());

        var unit = await GetFeedAsync(client, "/unit/zxyy/rss");
        var reporter = await GetFeedAsync(client, "/contributor/liusiyuan/atom");
        var section = await GetFeedAsync(client, "/section/minsheng/rss");

        Assert.Equal("运城市中心医院 - 河东日报", unit.Title.Text);
        Assert.Equal(unitStories.Order(), unit.Items.Select(IdOf).Order());
        Assert.Equal(reporterStories.Order(), reporter.Items.Select(IdOf).Order());
        Assert.All(reporter.Items, i => Assert.Contains(i.Authors, a => a.Name == "本报记者 刘思远"));
        Assert.Equal(sectionStories.Order(), section.Items.Select(IdOf).Order());
        Assert.Equal($"{Origin}/unit/zxyy", Assert.Single(unit.Links, l => l.RelationshipType == "alternate").Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Edition_feed_is_the_latest_paper_in_print_order()
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings();
        var printOrder = await factory.QueryAsync(db => db.Articles
            .Where(a => a.Status == ArticleStatus.Published && a.EditionPage!.Edition!.Date == new DateOnly(2021, 12, 10))
            .OrderBy(a => a.EditionPage!.Number).ThenBy(a => a.PageOrder).ThenBy(a => a.Id)
            .Select(a => a.Id).ToListAsync());

        var feed = await GetFeedAsync(app.CreateClient(), "/epaper/rss");

        Assert.StartsWith("数字报 2021年12月10日 第", feed.Title.Text, StringComparison.Ordinal);
        Assert.Equal($"{Origin}/epaper/2021-12-10", Assert.Single(feed.Links, l => l.RelationshipType == "alternate").Uri.AbsoluteUri);
        Assert.Equal(printOrder, feed.Items.Select(IdOf));
    }

    [Fact]
    public async Task Feed_item_count_is_configurable()
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings(("Feeds:ItemCount", "5"));

        var feed = await GetFeedAsync(app.CreateClient(), "/feed/rss");

        Assert.Equal(5, feed.Items.Count());
    }

    [Fact]
    public async Task Without_a_public_base_url_feeds_use_the_request_origin()
    {
        await using var factory = await PortalFactory.CreateAsync();

        var feed = await GetFeedAsync(factory.CreateClient(), "/feed/rss");

        Assert.All(feed.Items, i => Assert.StartsWith("http://localhost/article/", i.Id, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/section/no-such-section/rss")]
    [InlineData("/unit/no-such-unit/atom")]
    [InlineData("/contributor/nobody/rss")]
    [InlineData("/tag/%E4%B8%8D%E5%AD%98%E5%9C%A8/atom")]
    [InlineData("/feed/json")]
    [InlineData("/unit/zxyy/xml")]
    public async Task Unknown_feeds_answer_404(string url)
    {
        await using var factory = await PortalFactory.CreateAsync();

        var (response, _) = await GetTextAsync(factory.CreateClient(), url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("/", "/feed")]
    [InlineData("/section/wenming", "/section/wenming")]
    [InlineData("/unit/zxyy", "/unit/zxyy")]
    [InlineData("/contributor/liusiyuan", "/contributor/liusiyuan")]
    [InlineData("/epaper", "/epaper")]
    [InlineData("/epaper/2021-12-10/5", "/epaper")]
    public async Task Pages_announce_their_feeds_in_the_head(string page, string feedBase)
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings();
        var client = app.CreateClient();

        var (_, doc) = await Html.GetAsync(client, page);
        var rss = doc.Head!.QuerySelectorAll("link[rel='alternate'][type='application/rss+xml']").Select(l => l.GetAttribute("href")).ToList();
        var atom = doc.Head.QuerySelectorAll("link[rel='alternate'][type='application/atom+xml']").Select(l => l.GetAttribute("href")).ToList();

        // The page's own feed comes first; every page also offers the whole site's.
        Assert.Equal($"{Origin}{feedBase}/rss", rss[0]);
        Assert.Equal($"{Origin}{feedBase}/atom", atom[0]);
        Assert.Contains($"{Origin}/feed/rss", rss);
        foreach (var href in rss.Concat(atom))
        {
            Assert.NotEmpty((await GetFeedAsync(client, PathOf(href!))).Items);
        }
    }

    [Fact]
    public async Task A_newcomer_subscribes_to_a_unit_from_its_profile_page()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = factory.CreateClient();

        var (_, profile) = await Html.GetAsync(client, "/unit/zxyy");
        var subscribe = profile.QuerySelectorAll(".unit-header a").Single(a => a.TextContent.Contains("订阅", StringComparison.Ordinal));
        var feed = await GetFeedAsync(client, subscribe.GetAttribute("href")!);

        Assert.Equal("/unit/zxyy/rss", subscribe.GetAttribute("href"));
        Assert.Equal("application/rss+xml", subscribe.GetAttribute("type"));
        Assert.Contains("运城市中心医院", feed.Title.Text, StringComparison.Ordinal);
        var coverage = profile.QuerySelectorAll(".card-title a").Select(a => "http://localhost" + a.GetAttribute("href")).ToList();
        Assert.Equal(coverage, feed.Items.Select(i => i.Id));
    }

    private static int IdOf(SyndicationItem item) => int.Parse(item.Id[(item.Id.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
}
