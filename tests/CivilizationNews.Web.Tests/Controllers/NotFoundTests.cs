using System.Net;
using CivilizationNews.Web.Tests.Support;

namespace CivilizationNews.Web.Tests.Controllers;

/// <summary>Unknown ids, slugs, dates and pages answer with the Chinese 404 page, never a 500.</summary>
public sealed class NotFoundTests
{
    public static TheoryData<string> Missing => new()
    {
        "/article/999999",
        "/article/abc",
        "/article/0",
        "/article/-1",
        "/article/99999999999999999999",
        "/feature/no-such-feature",
        "/section/no-such-section",
        "/section/wenming?page=999",
        "/section/wenming?page=abc",
        "/section/wenming?page=0",
        "/section/wenming?page=-3",
        "/section/wenming?page=99999999999999999999",
        "/tag/" + "不存在的标签",
        "/contributor/nobody",
        "/unit/no-such-unit",
        "/unit/zxyy?page=50",
        "/epaper/2021-13-45",
        "/epaper/2021-02-30",
        "/epaper/20211210",
        "/epaper/yesterday",
        "/epaper/1999-01-01",
        "/epaper/2021-12-10/99",
        "/epaper/2021-12-10/abc",
        "/epaper/2021-12-10/0",
        "/epaper/archive?year=abc",
        "/media/1/../../etc/passwd",
        "/media/1/w480.gif",
        "/media/999999/w480.webp",
        "/no/such/page",
    };

    [Theory]
    [MemberData(nameof(Missing))]
    public async Task Answers_the_Chinese_404_page(string url)
    {
        await using var factory = await PortalFactory.CreateAsync();

        var (response, doc) = await Html.GetAsync(factory.CreateClient(), url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("页面不存在", doc.QuerySelector("h1").Text());
        Assert.Equal("zh-CN", doc.DocumentElement.GetAttribute("lang"));
        Assert.NotNull(doc.QuerySelector("a[href='/']"));
    }

    [Fact]
    public async Task Error_page_does_not_leak_exception_details()
    {
        await using var factory = await PortalFactory.CreateAsync();

        var (response, doc) = await Html.GetAsync(factory.CreateClient(), "/error/500");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("服务器开小差了", doc.QuerySelector("h1").Text());
        Assert.DoesNotContain("Exception", doc.Body!.TextContent, StringComparison.Ordinal);
    }
}
