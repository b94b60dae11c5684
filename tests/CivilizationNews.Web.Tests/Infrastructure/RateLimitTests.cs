using System.Net;
using CivilizationNews.Web.Tests.Support;

namespace CivilizationNews.Web.Tests.Infrastructure;

public sealed class RateLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Repeated_sign_in_attempts_get_the_Chinese_429_page_with_retry_after()
    {
        await using var factory = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { ["RateLimits:SignInPerMinute"] = "3" });
        var client = AdminClient.Anonymous(factory);
        var token = await AdminClient.TokenAsync(client, "/admin/account/login");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 4; i++)
        {
            using var form = new FormUrlEncodedContent([new("Email", "nobody@example.cn"), new("Password", "wrong-password-1"), new("__RequestVerificationToken", token)]);
            last?.Dispose();
            last = await client.PostAsync(new Uri("/admin/account/login", UriKind.Relative), form, Ct);
            statuses.Add(last.StatusCode);
        }
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(3));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[3]);
        Assert.NotNull(last!.Headers.RetryAfter);
        var body = await last.Content.ReadAsStringAsync(Ct);
        Assert.Contains("访问过于频繁", body, StringComparison.Ordinal);
        Assert.Contains("lang=\"zh-CN\"", body, StringComparison.Ordinal);

        // Reading the site is not limited.
        using var home = await client.GetAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }
}
