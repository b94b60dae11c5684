using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using AngleSharp.Html.Parser;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Tests.Common;
using CivilizationNews.Web.Areas.Admin.Controllers;
using CivilizationNews.Web.Infrastructure;
using CivilizationNews.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Tests.Areas.Admin;

/// <summary>
/// 导入版面 against hostile input (issue 13 item 5): every post is rate-limited, and a page built to
/// be slow, posted to either step, is answered while the site goes on serving readers.
/// </summary>
public sealed class ImportHardeningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Every_post_of_the_import_controller_carries_the_import_rate_limit()
    {
        var posts = typeof(ImportController).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => m.GetCustomAttributes<HttpPostAttribute>().Any())
            .ToList();

        Assert.True(posts.Count >= 2, $"found only {posts.Count} POST actions");
        Assert.All(posts, m => Assert.Equal(RateLimits.Import, m.GetCustomAttribute<EnableRateLimitingAttribute>()?.PolicyName));
    }

    [Fact]
    public async Task Creating_from_a_review_is_rate_limited_per_editor()
    {
        await using var factory = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { ["RateLimits:ImportPerMinute"] = "2" });
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var token = await AdminClient.TokenAsync(editor, "/admin/import");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            // A broken batch key: refused with a flash message, but each post still re-reads the form.
            using var response = await CreateAsync(editor, [new("__RequestVerificationToken", token), new("Batch", "x"), new("Source", "寒潮来袭")]);
            statuses.Add(response.StatusCode);
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(2));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
    }

    [Fact]
    public async Task A_hostile_page_uploaded_is_answered_while_readers_are_served()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var reader = AdminClient.Anonymous(factory);
        var page = Encoding.UTF8.GetBytes(PathologicalPages.All["jump-out-spaces"](PathologicalPages.Megabyte));

        var upload = UploadAsync(editor, await TargetAsync(factory), page);
        using var home = await reader.GetAsync(new Uri("/", UriKind.Relative), Ct);
        using var response = await upload;

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var doc = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        // The review screen: the line is no jump marker, so it waits there for the editor, whole.
        Assert.NotNull(doc.QuerySelector("form#import-review"));
    }

    [Fact]
    public async Task A_hostile_source_posted_back_to_create_is_answered()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var token = await AdminClient.TokenAsync(editor, "/admin/import");
        var target = await TargetAsync(factory);
        var source = PathologicalPages.All["jump-in-ideographic-spaces"](PathologicalPages.Megabyte);

        // A proposal that is not JSON: the server re-imports the posted source to show the review again.
        using var response = await CreateAsync(editor, [
            new("__RequestVerificationToken", token), new("Batch", Guid.NewGuid().ToString("N")), new("Proposal", "{"),
            new("Source", source), .. target.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))]);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"status {response.StatusCode}");
    }

    private static async Task<Dictionary<string, string>> TargetAsync(PortalFactory factory)
    {
        var section = await factory.QueryAsync(db => db.Sections.Where(s => s.Slug == "wenming").Select(s => s.Id).SingleAsync(Ct));
        return new()
        {
            ["Date"] = "2021-12-11", ["PageNumber"] = "3", ["PageName"] = "专版", ["SectionId"] = section.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Dictionary<string, string> fields, byte[] file)
    {
        var token = await AdminClient.TokenAsync(client, "/admin/import");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/plain");
        content.Add(part, "File", "page.txt");
        return await client.PostAsync(new Uri("/admin/import", UriKind.Relative), content, Ct);
    }

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient client, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        return await client.PostAsync(new Uri("/admin/import/create", UriKind.Relative), content, Ct);
    }
}
