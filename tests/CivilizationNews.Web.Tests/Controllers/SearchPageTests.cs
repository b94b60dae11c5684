using System.Net;
using CivilizationNews.Web.Tests.Support;

namespace CivilizationNews.Web.Tests.Controllers;

/// <summary>/search over the seeded demo paper (indexed by the seeder's own SaveChanges), and the header's search box.</summary>
public sealed class SearchPageTests
{
    private static string Q(string query) => "/search?q=" + Uri.EscapeDataString(query);

    [Theory]
    [InlineData("/")]
    [InlineData("/units")]
    [InlineData("/no/such/page")]
    public async Task Every_page_has_a_labelled_search_box_in_its_header(string path)
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (_, doc) = await Html.GetAsync(factory.CreateClient(), path);

        var form = doc.QuerySelector("header.masthead form[role=search]");
        Assert.NotNull(form);
        Assert.Equal("/search", form.GetAttribute("action"));
        Assert.Equal("get", form.GetAttribute("method"));
        var input = form.QuerySelector("input[name=q]")!;
        Assert.Equal("search", input.GetAttribute("type"));
        Assert.NotNull(form.QuerySelector($"label[for='{input.Id}']"));
        Assert.NotNull(form.QuerySelector("button[type=submit]"));
    }

    [Fact]
    public async Task A_phrase_finds_the_roundup_story_with_its_date_section_unit_and_marked_snippet()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (response, doc) = await Html.GetAsync(factory.CreateClient(), Q("河东书房"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("noindex", string.Join(',', response.Headers.GetValues("X-Robots-Tag")), StringComparison.Ordinal);
        Assert.Contains("noindex", doc.QuerySelector("meta[name=robots]")!.GetAttribute("content"), StringComparison.Ordinal);
        var first = doc.QuerySelector(".search-result")!;
        Assert.Equal("河东书房飘出满城书香", first.QuerySelector(".search-result-title").Text());
        Assert.Equal("河东书房", first.QuerySelector(".search-result-title mark").Text());
        Assert.StartsWith("/article/", first.QuerySelector(".search-result-title a")!.GetAttribute("href"), StringComparison.Ordinal);
        var marks = first.QuerySelectorAll(".search-snippet mark").Select(m => m.TextContent).ToList();
        Assert.Contains("河东书房", marks);
        // The snippet is the story's own text: no spaces put between Chinese words.
        Assert.DoesNotContain("河东 书房", first.QuerySelector(".search-snippet")!.TextContent, StringComparison.Ordinal);
        Assert.Matches(@"^2021年12月\d+日$", first.QuerySelector(".card-meta time").Text());
        Assert.NotNull(first.QuerySelector(".card-meta a[href^='/section/']"));
        Assert.NotNull(first.QuerySelector(".card-meta a[href^='/unit/']"));
        Assert.Equal("/epaper/2021-12-10", first.QuerySelector(".card-meta a[href^='/epaper/']")!.GetAttribute("href"));
    }

    [Theory]
    [InlineData("书房", 1)]
    [InlineData("志愿", 10)]
    public async Task Two_character_words_are_found(string word, int atLeast)
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (response, doc) = await Html.GetAsync(factory.CreateClient(), Q(word));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var count = doc.QuerySelector(".search-count").Text();
        var total = int.Parse(System.Text.RegularExpressions.Regex.Match(count, @"找到(\d+)篇").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(total >= atLeast, count);
        Assert.All(doc.QuerySelectorAll(".search-result"), r => Assert.Contains(r.QuerySelectorAll("mark"), m => m.TextContent.Contains(word, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Results_page_with_the_query_kept_in_the_links()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = factory.CreateClient();
        var (_, first) = await Html.GetAsync(client, Q("志愿"));
        var next = first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!;
        Assert.Equal(Q("志愿") + "&page=2", next);

        var (response, second) = await Html.GetAsync(client, next);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var one = first.QuerySelectorAll(".search-result-title a").Select(a => a.GetAttribute("href")).ToList();
        var two = second.QuerySelectorAll(".search-result-title a").Select(a => a.GetAttribute("href")).ToList();
        Assert.NotEmpty(two);
        Assert.Empty(one.Intersect(two));
    }

    [Fact]
    public async Task Filters_narrow_the_results_and_show_as_chosen()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = factory.CreateClient();

        var (_, bySection) = await Html.GetAsync(client, Q("志愿") + "&section=wenming");
        Assert.NotEmpty(bySection.QuerySelectorAll(".search-result"));
        Assert.All(bySection.QuerySelectorAll(".search-result .card-meta a[href^='/section/']"), a => Assert.Equal("/section/wenming", a.GetAttribute("href")));
        Assert.Equal("wenming", bySection.QuerySelector("#search-section option[selected]")!.GetAttribute("value"));

        var (_, byEdition) = await Html.GetAsync(client, Q("志愿") + "&edition=2021-12-10");
        Assert.NotEmpty(byEdition.QuerySelectorAll(".search-result"));
        Assert.All(byEdition.QuerySelectorAll(".search-result"), r =>
            Assert.Equal("/epaper/2021-12-10", r.QuerySelector(".card-meta a[href^='/epaper/']")?.GetAttribute("href")));
        Assert.Equal("2021-12-10", byEdition.QuerySelector("#search-edition")!.GetAttribute("value"));

        var (_, outOfRange) = await Html.GetAsync(client, Q("志愿") + "&from=2030-01-01&to=2030-12-31");
        Assert.Empty(outOfRange.QuerySelectorAll(".search-result"));
        Assert.Contains("没有找到", outOfRange.QuerySelector(".search-empty").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_found_gives_a_helpful_chinese_message()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (response, doc) = await Html.GetAsync(factory.CreateClient(), Q("量子计算机"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var message = doc.QuerySelector(".search-empty").Text();
        Assert.Contains("没有找到包含“量子计算机”的报道", message, StringComparison.Ordinal);
        Assert.Contains("换个更短或更常用的说法", message, StringComparison.Ordinal);
    }

    public static TheoryData<string> OddQueries() =>
    [
        "/search", "/search?q=", "/search?q=%20%20", Q("\""), Q("\" * NEAR OR ( ) ^ :"), Q("NEAR(书房 志愿, 2)"), Q("title:书房"),
        Q("书房 AND OR NOT"), Q(new string('书', 600)), Q(new string('"', 700)), Q("'; DROP TABLE SearchDocuments; --"), Q("<script>alert(1)</script>"),
        "/search?q=%FF%FE", "/search?q=a&q=b", "/search?q=书房&section=nope&unit=%00&from=2021-13-45&to=abc&edition=12/10/2021",
        "/search?q=书房&from=2021-12-31&to=2021-01-01", "/search?q=书房&unknown=1&page=1",
    ];

    [Theory]
    [MemberData(nameof(OddQueries))]
    public async Task Odd_queries_and_filters_are_answered_with_a_page(string url)
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (response, doc) = await Html.GetAsync(factory.CreateClient(), url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(doc.QuerySelector("form.search-form"));
        Assert.Null(doc.QuerySelector("script:not([src])"));
    }

    [Theory]
    [InlineData("/search?q=书房&page=0")]
    [InlineData("/search?q=书房&page=abc")]
    [InlineData("/search?q=书房&page=51")]
    [InlineData("/search?q=书房&page=99999999999")]
    public async Task Page_numbers_out_of_bounds_are_the_chinese_not_found_page(string url)
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (response, doc) = await Html.GetAsync(factory.CreateClient(), url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("页面不存在", doc.Title, StringComparison.Ordinal);
    }
}
