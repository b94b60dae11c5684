using System.Net;
using CivilizationNews.Web.Tests.Support;

namespace CivilizationNews.Web.Tests.Controllers;

public sealed class MalformedInputFixture : IAsyncLifetime
{
    public PortalFactory Factory { get; private set; } = default!;

    public async ValueTask InitializeAsync() => Factory = await PortalFactory.CreateAsync();

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// Every public route given malformed input answers 400 or 404 with the Chinese page, never 500:
/// bad ids, huge page numbers, invalid dates, overlong values, invalid percent-encoding, odd formats.
/// </summary>
public sealed class MalformedInputTests(MalformedInputFixture fixture) : IClassFixture<MalformedInputFixture>
{
    private static readonly string Long = new('书', 2000);
    private static readonly string LongAscii = new('x', 4000);

    public static TheoryData<string> Inputs => new()
    {
        "/article/2147483648",
        "/article/1.5",
        "/article/1e3",
        
        
        "/article/１２",
        "/article/abc/qr.svg",
        "/article/99999999/qr.svg",
        "/feature/%ZZ",
        "/feature/" + Long,
        "/section/%",
        "/section/%E4%B8",
        "/section/wenming?page=%ZZ",
        "/section/wenming?page=1e9",
        "/section/wenming?page=2147483648",
        "/section/wenming?page=１",
        "/section/wenming?page=" + LongAscii,
        "/tag/%C0%AF",
        "/tag/" + Long,
        "/contributor/%FF%FE",
        "/contributor/..%2F..%2Fetc%2Fpasswd",
        "/unit/%E4%B8",
        "/unit/" + LongAscii,
        "/unit/zxyy?page=99999999999999999999999",
        "/epaper/0000-00-00",
        "/epaper/9999-12-31",
        "/epaper/2021-12-10/2147483648",
        "/epaper/2021-12-10/-1",
        "/epaper/2021-12-10/%ZZ",
        "/epaper/%ZZ",
        "/epaper/archive?year=99999999999",
        "/epaper/archive?year=%ZZ",
        "/epaper/archive?year=" + LongAscii,
        "/feed/xml",
        
        "/unit/no-such-unit/rss",
        "/section/%ZZ/atom",
        "/sitemaps/stories-2021-13.xml",
        "/sitemaps/stories-abc.xml",
        "/sitemaps/stories-99999-01.xml",
        "/media/%ZZ/w480.webp",
        "/media/1/%ZZ",
        "/media/2147483648/original",
        "/share/%ZZ",
        "/%ZZ",
        "/?page=%ZZ&" + LongAscii,
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Answers_400_or_404_with_the_Chinese_page(string url)
    {
        var client = fixture.Factory.CreateClient();
        var (response, doc) = await Html.GetAsync(client, url);

        var status = (int)response.StatusCode;
        if (status == 200)
        {
            // A value that is merely ignored (an unused query parameter) may serve the page itself.
            Assert.Equal("zh-CN", doc.DocumentElement.GetAttribute("lang"));
            return;
        }
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{url} answered {status}");
        Assert.Equal("zh-CN", doc.DocumentElement.GetAttribute("lang"));
        Assert.Contains(doc.QuerySelector("h1")?.TextContent, new[] { "页面不存在", "请求有误" });
        Assert.DoesNotContain("Exception", doc.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }
}
