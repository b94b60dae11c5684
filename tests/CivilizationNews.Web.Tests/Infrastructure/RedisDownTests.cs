using System.Net;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Web.Tests.Support;

namespace CivilizationNews.Web.Tests.Infrastructure;

/// <summary>With the shared cache configured but unreachable, readers and editors still get their pages.</summary>
public sealed class RedisDownTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unreachable_Redis_never_fails_a_page_or_a_save()
    {
        await using var factory = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["OutputCache:Redis"] = "127.0.0.1:1,connectTimeout=200,syncTimeout=200,asyncTimeout=200,abortConnect=false",
        });
        var reader = AdminClient.Anonymous(factory);
        using (var home = await reader.GetAsync(new Uri("/", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var created = await AdminClient.PostFormAsync(editor, "/admin/articles/create", "/admin/articles/create", new()
        {
            ["Title"] = "缓存离线时照常发稿", ["Dateline"] = "本报讯", ["Body"] = "正文。", ["SectionId"] = "1", ["PageOrder"] = "1",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = created.Headers.Location!.OriginalString.Split('/')[3];

        // Publishing evicts, which reaches the unreachable store: the save still succeeds and is logged.
        foreach (var step in new[] { "submitted", "approved", "published" })
        {
            var moved = await AdminClient.PostFormAsync(editor, $"/admin/articles/{id}/edit", $"/admin/articles/{id}/transition", new() { ["to"] = step });
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
            Assert.DoesNotContain("/error", moved.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
        }
        var (page, doc) = await Html.GetAsync(reader, $"/article/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("缓存离线时照常发稿", doc.QuerySelector("h1")?.TextContent, StringComparison.Ordinal);
    }
}
