using System.Net;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CivilizationNews.Web.Tests.Infrastructure;

public sealed class SecurityHeadersTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content) : "";

    [Fact]
    public async Task Public_pages_carry_a_strict_policy_and_the_usual_headers()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://news.example.cn") });
        foreach (var path in new[] { "/", "/units", "/no/such/page" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
            var csp = Header(response, "Content-Security-Policy");
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
            Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
            Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_pages_have_no_inline_script_the_policy_would_block()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        foreach (var (client, path) in new[] { (AdminClient.Anonymous(factory), "/"), (editor, "/admin"), (editor, "/admin/articles/create") })
        {
            var (_, doc) = await Html.GetAsync(client, path);
            foreach (var script in doc.QuerySelectorAll("script"))
            {
                var type = script.GetAttribute("type");
                Assert.True(script.HasAttribute("src") || type == "application/ld+json",
                    $"{path} has an inline script the Content-Security-Policy blocks: {script.OuterHtml[..Math.Min(120, script.OuterHtml.Length)]}");
            }
            var blocked = doc.QuerySelectorAll("[style], style, [onclick], [onload], [onchange], [onsubmit], [oninput]")
                .Select(e => e.OuterHtml[..Math.Min(160, e.OuterHtml.Length)]).ToList();
            Assert.True(blocked.Count == 0, $"{path} has inline style or handlers the policy blocks:\n" + string.Join('\n', blocked));
        }
    }

    [Fact]
    public async Task Admin_may_not_be_framed_and_its_cookies_are_secure_httponly_and_samesite()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = AdminClient.Anonymous(factory);
        using var login = await client.GetAsync(new Uri("/admin/account/login", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("frame-ancestors 'none'", Header(login, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal("DENY", Header(login, "X-Frame-Options"));

        var (_, email, password) = await AdminClient.CreateUserAsync(factory, NewsRoles.Editor);
        var token = await AdminClient.TokenAsync(client, "/admin/account/login");
        using var form = new FormUrlEncodedContent([new("Email", email), new("Password", password), new("__RequestVerificationToken", token)]);
        using var signIn = await client.PostAsync(new Uri("/admin/account/login", UriKind.Relative), form, Ct);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookies = signIn.Headers.GetValues("Set-Cookie").ToList();
        var auth = Assert.Single(cookies, c => c.StartsWith("__Host-cn.auth=", StringComparison.Ordinal));
        Assert.Contains("secure", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", auth, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Plain_http_from_another_machine_is_redirected_to_https_before_any_cookie_is_set()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Scheme = "http";
            c.Request.Host = new Microsoft.AspNetCore.Http.HostString("news.example.cn");
            c.Request.Path = "/admin/account/login";
            c.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?returnUrl=%2Fadmin");
            c.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.9");
        }, Ct);
        Assert.Equal(308, context.Response.StatusCode);
        Assert.Equal("https://news.example.cn/admin/account/login?returnUrl=%2Fadmin", context.Response.Headers.Location.ToString());
        Assert.False(context.Response.Headers.ContainsKey("Set-Cookie"));
    }

    [Fact]
    public async Task A_balancer_named_in_KnownProxies_is_trusted_for_https_and_another_address_is_not()
    {
        await using var factory = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["ForwardedHeaders:KnownProxies:0"] = "10.1.2.3",
        });
        async Task<HttpContext> FromAsync(string address) => await factory.Server.SendAsync(context =>
        {
            context.Request.Method = "GET";
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("news.example.cn");
            context.Request.Path = "/health/live";
            context.Request.Headers["X-Forwarded-Proto"] = "https";
            context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(address);
        }, Ct);

        var trusted = await FromAsync("10.1.2.3");
        Assert.Equal(StatusCodes.Status200OK, trusted.Response.StatusCode);
        Assert.True(trusted.Response.Headers.ContainsKey("Strict-Transport-Security"));

        // Anyone else claiming https is still on plain http: sent to https, no HSTS.
        var stranger = await FromAsync("10.9.9.9");
        Assert.NotEqual(StatusCodes.Status200OK, stranger.Response.StatusCode);
        Assert.False(stranger.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }
}
