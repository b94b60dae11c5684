using System.Net;
using System.Security.Cryptography;
using AngleSharp.Html.Parser;
using CivilizationNews.Tests.Common;
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

    /// <summary>
    /// A user in the state a real colleague is in after their first sign-in: the password is their own
    /// (no pending change) and, for 管理员, two-factor sign-in is on (required for administrators).
    /// </summary>
    public static async Task<(string Id, string Email, string Password)> CreateUserAsync(PortalFactory factory, string role, string? name = null, int? unitId = null, int? contributorId = null)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<NewsUser>>();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.cn";
        var password = NewPassword();
        var user = new NewsUser { UserName = email, Email = email, DisplayName = name ?? NewsRoles.Label(role) + "甲", UnitId = unitId, ContributorId = contributorId, CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(";", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        if (role == NewsRoles.Admin)
        {
            Assert.True((await users.ResetAuthenticatorKeyAsync(user)).Succeeded);
            Assert.True((await users.SetTwoFactorEnabledAsync(user, true)).Succeeded);
        }
        return (user.Id, email, password);
    }

    /// <summary>A password the policy accepts (12+ characters, not a common one), different every time.</summary>
    public static string NewPassword() => "Pw-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));

    public static async Task<HttpClient> SignInAsync(PortalFactory factory, string role, string? name = null)
    {
        var (_, email, password) = await CreateUserAsync(factory, role, name);
        var client = Anonymous(factory);
        var response = await SignInAsAsync(factory, client, email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>Writes a story through the real form as <paramref name="author"/>; returns its id (a draft).</summary>
    public static async Task<int> CreateStoryAsync(HttpClient author, int sectionId, string title)
    {
        var created = await PostFormAsync(author, "/admin/articles/create", "/admin/articles/create", new()
        {
            ["Title"] = title, ["Kicker"] = "市文明办", ["Dateline"] = "本报讯（记者 刘思远）",
            ["Body"] = "各单位把文明创建融入日常工作，群众满意度持续提升。",
            ["SectionId"] = sectionId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PageOrder"] = "1",
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, created.StatusCode);
        return int.Parse(created.Headers.Location!.OriginalString.Split('/')[3], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Signs in through the real forms: the password, then — where two-factor sign-in is on — a code computed
    /// from the account's authenticator key as the user's app would. Returns the last answer.
    /// </summary>
    public static async Task<HttpResponseMessage> SignInAsAsync(PortalFactory factory, HttpClient client, string email, string password)
    {
        var response = await PostFormAsync(client, "/admin/account/login", "/admin/account/login", new() { ["Email"] = email, ["Password"] = password });
        if (response.Headers.Location?.OriginalString.StartsWith("/admin/account/TwoFactor", StringComparison.OrdinalIgnoreCase) != true)
        {
            return response;
        }
        var key = await AuthenticatorKeyAsync(factory, email);
        return await PostFormAsync(client, "/admin/account/twofactor", "/admin/account/twofactor", new() { ["Code"] = Totp.NextCode(key) });
    }

    public static async Task<string> AuthenticatorKeyAsync(PortalFactory factory, string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<NewsUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"no user {email}");
        return await users.GetAuthenticatorKeyAsync(user) ?? throw new InvalidOperationException($"{email} has no authenticator key");
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

    /// <summary>Moves story <paramref name="id"/> to <paramref name="to"/> through the editor page's workflow form.</summary>
    public static Task<HttpResponseMessage> TransitionAsync(HttpClient editor, int id, string to, Dictionary<string, string>? extra = null)
    {
        var fields = new Dictionary<string, string>(extra ?? []) { ["to"] = to };
        return PostFormAsync(editor, $"/admin/articles/{id}/edit", $"/admin/articles/{id}/transition", fields);
    }

    public static async Task<HttpResponseMessage> PostPairsAsync(HttpClient client, string pageUrl, string postUrl, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var token = await TokenAsync(client, pageUrl);
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await client.PostAsync(new Uri(postUrl, UriKind.Relative), content, TestContext.Current.CancellationToken);
    }
}
