using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Parser;
using CivilizationNews.Core.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Web.Tests.Support;

/// <summary>
/// Newsroom accounts and signed-in clients for tests. Users are created through the real UserManager;
/// sign-in goes through the real login form with its antiforgery token, as a browser does.
/// </summary>
public static class AdminClient
{
    public static HttpClient Anonymous(PortalFactory factory) => factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        // Production cookies are Secure: talk to the test server over https as a browser would.
        BaseAddress = new Uri("https://localhost"),
    });

    public static async Task<(string Id, string Email, string Password)> CreateUserAsync(PortalFactory factory, string role, string? name = null, int? unitId = null, int? contributorId = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<NewsUser>>();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.cn";
        var password = "Pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var user = new NewsUser { UserName = email, Email = email, DisplayName = name ?? NewsRoles.Label(role) + "甲", UnitId = unitId, ContributorId = contributorId, CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(";", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return (user.Id, email, password);
    }

    public static async Task<HttpClient> SignInAsync(PortalFactory factory, string role, string? name = null)
    {
        var (_, email, password) = await CreateUserAsync(factory, role, name);
        var client = Anonymous(factory);
        var response = await PostFormAsync(client, "/admin/account/login", "/admin/account/login",
            new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>Reads the antiforgery token from a page, as the browser would have it.</summary>
    public static async Task<string> TokenAsync(HttpClient client, string pageUrl)
    {
        var html = await client.GetStringAsync(new Uri(pageUrl, UriKind.Relative), TestContext.Current.CancellationToken);
        var input = new HtmlParser().ParseDocument(html).QuerySelector("input[name='__RequestVerificationToken']");
        Assert.True(input is not null, $"no antiforgery token on {pageUrl}");
        return input!.GetAttribute("value")!;
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pageUrl, string postUrl, Dictionary<string, string> fields)
    {
        var token = await TokenAsync(client, pageUrl);
        var pairs = fields.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value)).Append(new("__RequestVerificationToken", token));
        using var content = new FormUrlEncodedContent(pairs);
        return await client.PostAsync(new Uri(postUrl, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }

    public static async Task<HttpResponseMessage> PostPairsAsync(HttpClient client, string pageUrl, string postUrl, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await TokenAsync(client, pageUrl);
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(new Uri(postUrl, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }
}
