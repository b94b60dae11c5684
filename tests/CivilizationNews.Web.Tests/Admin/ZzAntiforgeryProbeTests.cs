using CivilizationNews.Core.Accounts;
using CivilizationNews.Web.Tests.Infrastructure;

namespace CivilizationNews.Web.Tests.Admin;

public sealed class ZzAntiforgeryProbeTests
{
    [Fact]
    public async Task Probe()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        using var empty = new HttpRequestMessage(HttpMethod.Post, "/admin/units/create");
        var r1 = await editor.SendAsync(empty, TestContext.Current.CancellationToken);
        using var form = new FormUrlEncodedContent([new("Slug", "probe-unit"), new("Name", "探针"), new("ShortName", "探针")]);
        var r2 = await editor.PostAsync(new Uri("/admin/units/create", UriKind.Relative), form, TestContext.Current.CancellationToken);
        Assert.Fail($"empty: {(int)r1.StatusCode}; form without token: {(int)r2.StatusCode} {r2.Headers.Location}");
    }
}
