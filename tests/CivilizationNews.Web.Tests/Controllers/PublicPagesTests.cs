using System.Net;
using CivilizationNews.Core.Articles;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Tests.Controllers;

/// <summary>Every public page type answers 200 with its key content.</summary>
public sealed class PublicPagesTests
{
    private const string LeadTitle = "汇聚机关力量 擦亮文明底色";

    [Fact]
    public async Task Home_leads_with_the_roundup_feature_and_its_sidebars()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = factory.CreateClient();

        var (response, doc) = await Html.GetAsync(client, "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("zh-CN", doc.DocumentElement.GetAttribute("lang"));
        Assert.Equal(LeadTitle, doc.QuerySelector(".home-feature-title").Text());
        Assert.Equal(7, doc.QuerySelectorAll(".sidebar-card").Length);
        Assert.Contains("市中心医院", doc.QuerySelector(".sidebar-cards").Text(), StringComparison.Ordinal);
        Assert.NotEmpty(doc.QuerySelectorAll(".home-latest .card"));
        Assert.True(doc.QuerySelectorAll(".home-section").Length >= 4);
        Assert.NotEmpty(doc.QuerySelectorAll(".unit-chips a[href^='/unit/']"));
        Assert.Contains("刊于2021年12月10日第5版", doc.QuerySelector(".home-feature-label").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Article_page_renders_print_conventions()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = factory.CreateClient();
        var id = await factory.QueryAsync(db => db.Articles.Where(a => a.Title == LeadTitle).Select(a => a.Id).SingleAsync());

        var (response, doc) = await Html.GetAsync(client, $"/article/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = doc.QuerySelector(".story-header")!;
        // Kicker above the headline, subtitle with its dashes below.
        Assert.Equal("kicker", header.FirstElementChild!.ClassName);
        Assert.Equal(LeadTitle, doc.QuerySelector("h1.story-title").Text());
        Assert.StartsWith("——盘点", doc.QuerySelector(".subtitle").Text(), StringComparison.Ordinal);
        Assert.Contains("2021年12月10日 星期五", doc.QuerySelector(".story-meta time").Text(), StringComparison.Ordinal);
        Assert.Contains("刊于2021年12月10日第5版", doc.QuerySelector(".story-meta").Text(), StringComparison.Ordinal);
        Assert.Equal("/epaper/2021-12-10/5", doc.QuerySelector(".story-meta a[href^='/epaper/']")!.GetAttribute("href"));
        Assert.Matches("^本报记者 刘思远.*通讯员 张晓燕$", doc.QuerySelector(".credits").Text());
        // 本报讯 bold at the start of the first paragraph; subheads and bold lead-ins from the Markdown.
        var first = doc.QuerySelector(".story-body p")!;
        Assert.Equal("本报讯", first.FirstElementChild!.TextContent);
        Assert.Equal("STRONG", first.FirstElementChild.TagName);
        Assert.Equal(3, doc.QuerySelectorAll(".story-body h2").Length);
        Assert.Contains(doc.QuerySelectorAll(".story-body p"), p => p.TextContent.StartsWith("——", StringComparison.Ordinal) && p.QuerySelector("strong") is not null);
        Assert.DoesNotContain("**", doc.QuerySelector(".story-body")!.TextContent, StringComparison.Ordinal);
        // Photo with caption and "XXX 摄"; units linked; figures as written.
        Assert.EndsWith("郭朝辉 摄", doc.QuerySelector(".photo figcaption").Text(), StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector(".story-units a[href='/unit/szgw']"));
        Assert.Contains("3.06万余人次", doc.QuerySelector(".figures").Text(), StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector(".breadcrumb a[href='/feature/2021-wenming-chuangjian']"));
        Assert.NotEmpty(doc.QuerySelectorAll(".related .card"));
        Assert.NotNull(doc.QuerySelector(".story-nav a"));
        Assert.Contains("og:title", doc.Head!.InnerHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provided_photos_are_credited_as_gongtu()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var id = await factory.QueryAsync(db => db.Articles
            .Where(a => a.Photos.Any(p => p.Media!.CreditKind == Core.Media.CreditKind.Provided))
            .Select(a => a.Id).FirstAsync());

        var (_, doc) = await Html.GetAsync(factory.CreateClient(), $"/article/{id}");

        Assert.Contains(doc.QuerySelectorAll(".photo figcaption"), c => c.Text().EndsWith("供图", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Previous_and_next_stay_in_the_section()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var ids = await factory.QueryAsync(db => db.Articles.Where(a => a.Section!.Slug == "minsheng")
            .OrderBy(a => a.PublishedAt).ThenBy(a => a.Id).Select(a => a.Id).ToListAsync());
        var client = factory.CreateClient();

        var (_, doc) = await Html.GetAsync(client, $"/article/{ids[1]}");

        Assert.Equal($"/article/{ids[0]}", doc.QuerySelector(".story-nav-prev")!.GetAttribute("href"));
        Assert.Equal($"/article/{ids[2]}", doc.QuerySelector(".story-nav-next")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Feature_page_has_lead_sidebars_photos_and_page_byline()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (response, doc) = await Html.GetAsync(factory.CreateClient(), "/feature/2021-wenming-chuangjian");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(LeadTitle, doc.QuerySelector(".feature-lead h1").Text());
        Assert.Equal(7, doc.QuerySelectorAll(".feature-sidebar").Length);
        Assert.Equal("市农村经济事务中心", doc.QuerySelector(".feature-sidebar .kicker").Text());
        Assert.Equal(3, doc.QuerySelectorAll(".feature .photo").Length);
        var byline = doc.QuerySelector(".page-byline").Text();
        Assert.StartsWith("本版撰文", byline, StringComparison.Ordinal);
        Assert.Contains("本报记者", byline, StringComparison.Ordinal);
        Assert.Contains("通讯员", byline, StringComparison.Ordinal);
        // The broadcaster's figures are shown as printed, even though 13 + 17 is not 27.
        Assert.Contains("27", doc.QuerySelector(".feature").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section_list_pages()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = factory.CreateClient();
        var total = await factory.QueryAsync(db => db.Articles.CountAsync(a => a.Section!.Slug == "wenming" && a.Status == ArticleStatus.Published));

        var (first, page1) = await Html.GetAsync(client, "/section/wenming");
        var (second, page2) = await Html.GetAsync(client, "/section/wenming?page=2");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("文明创建", page1.QuerySelector("h1").Text());
        Assert.Equal(10, page1.QuerySelectorAll(".card").Length);
        Assert.Equal(Math.Min(10, total - 10), page2.QuerySelectorAll(".card").Length);
        Assert.Equal("/section/wenming?page=2", page1.QuerySelector(".pager a[rel='next']")!.GetAttribute("href"));
        var firstIds = page1.QuerySelectorAll(".card-title a").Select(a => a.GetAttribute("href")).ToHashSet();
        Assert.DoesNotContain(page2.QuerySelectorAll(".card-title a"), a => firstIds.Contains(a.GetAttribute("href")));
    }

    [Fact]
    public async Task Tag_and_contributor_pages_list_their_stories()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = factory.CreateClient();

        var (tagResponse, tag) = await Html.GetAsync(client, "/tag/" + Uri.EscapeDataString("志愿服务"));
        var (personResponse, person) = await Html.GetAsync(client, "/contributor/guozhaohui");

        Assert.Equal(HttpStatusCode.OK, tagResponse.StatusCode);
        Assert.Equal("标签：志愿服务", tag.QuerySelector("h1").Text());
        Assert.NotEmpty(tag.QuerySelectorAll(".card"));
        Assert.Equal(HttpStatusCode.OK, personResponse.StatusCode);
        Assert.Equal("郭朝辉", person.QuerySelector("h1").Text());
        Assert.NotEmpty(person.QuerySelectorAll(".card"));
    }

    [Fact]
    public async Task Unit_directory_groups_by_kind_and_profile_gathers_coverage()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = factory.CreateClient();

        var (dirResponse, dir) = await Html.GetAsync(client, "/units");
        var (response, unit) = await Html.GetAsync(client, "/unit/zxyy");

        Assert.Equal(HttpStatusCode.OK, dirResponse.StatusCode);
        var kinds = dir.QuerySelectorAll(".unit-group h2").Select(h => h.Text()).ToList();
        Assert.Contains(kinds, k => k.StartsWith("党政机关", StringComparison.Ordinal));
        Assert.Contains(kinds, k => k.StartsWith("医院", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("运城市中心医院", unit.QuerySelector("h1").Text());
        Assert.NotEmpty(unit.QuerySelectorAll(".unit-description p"));
        Assert.NotEmpty(unit.QuerySelectorAll(".honours li"));
        var dates = unit.QuerySelectorAll(".card time").Select(t => DateTime.Parse(t.GetAttribute("datetime")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(dates.Count >= 3);
        Assert.Equal(dates.OrderByDescending(d => d), dates);
        Assert.NotEmpty(unit.QuerySelectorAll(".unit-aside .photo"));
    }

    [Fact]
    public async Task Digital_edition_from_latest_to_page_to_story()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = factory.CreateClient();

        var (latestResponse, latest) = await Html.GetAsync(client, "/epaper");
        var (pageResponse, page) = await Html.GetAsync(client, "/epaper/2021-12-10/5");
        var (archiveResponse, archive) = await Html.GetAsync(client, "/epaper/archive");

        Assert.Equal(HttpStatusCode.OK, latestResponse.StatusCode);
        Assert.Contains("2021年12月10日 星期五", latest.QuerySelector("h1").Text(), StringComparison.Ordinal);
        Assert.Equal(8, latest.QuerySelectorAll(".edition-page").Length);
        Assert.Contains("第1版", latest.QuerySelector(".edition-page").Text(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);
        Assert.Contains("第5版", page.QuerySelector("h1").Text(), StringComparison.Ordinal);
        var stories = page.QuerySelectorAll(".page-story h2").Select(h => h.Text()).ToList();
        Assert.Equal(8, stories.Count);
        Assert.Equal(LeadTitle, stories[0]);
        Assert.Equal("/epaper/2021-12-10/4", page.QuerySelector(".page-turn a[rel='prev']")!.GetAttribute("href"));
        Assert.Equal("/epaper/2021-12-10/6", page.QuerySelector(".page-turn a[rel='next']")!.GetAttribute("href"));
        Assert.NotNull(page.QuerySelector(".epaper-feature a[href='/feature/2021-wenming-chuangjian']"));
        Assert.Equal(HttpStatusCode.OK, archiveResponse.StatusCode);
        Assert.Equal(5, archive.QuerySelectorAll(".has-edition a").Length);
    }

    [Fact]
    public async Task Photos_are_served_as_webp_and_jpeg_renditions()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = factory.CreateClient();
        var id = await factory.QueryAsync(db => db.ArticlePhotos.Where(p => p.Article!.Status == CivilizationNews.Core.Articles.ArticleStatus.Published)
            .Select(p => p.MediaId).FirstAsync());

        using var webp = await client.GetAsync(new Uri($"/media/{id}/w480.webp", UriKind.Relative), TestContext.Current.CancellationToken);
        using var jpeg = await client.GetAsync(new Uri($"/media/{id}/w960.jpg", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal("image/webp", webp.Content.Headers.ContentType!.MediaType);
        Assert.Equal("image/jpeg", jpeg.Content.Headers.ContentType!.MediaType);
        Assert.Equal("public, max-age=86400", webp.Headers.CacheControl!.ToString());
    }
}
