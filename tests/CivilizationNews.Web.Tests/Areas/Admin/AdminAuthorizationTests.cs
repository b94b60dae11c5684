using System.Net;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Web.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Web.Tests.Areas.Admin;

/// <summary>
/// Enumerates every admin endpoint from the app's endpoint data source and checks it against the
/// declared matrix: anonymous requests go to sign-in, and each role gets exactly what it allows.
/// </summary>
public sealed class AdminAuthorizationTests
{
    private static readonly string[] Everyone = [NewsRoles.Admin, NewsRoles.Editor, NewsRoles.Reporter, NewsRoles.Correspondent];
    private static readonly string[] Editors = [NewsRoles.Admin, NewsRoles.Editor];
    private static readonly string[] Admins = [NewsRoles.Admin];

    /// <summary>The declared matrix: which roles may use each admin controller. A new controller must be added here.</summary>
    private static readonly Dictionary<string, string[]> Matrix = new(StringComparer.Ordinal)
    {
        ["Dashboard"] = Everyone,
        ["Articles"] = Everyone,
        // 从 Word 导入: every member who writes makes their own draft from a .docx.
        ["DocxImport"] = Everyone,
        ["Media"] = Everyone,
        ["Account"] = Everyone,
        // Every member's own password and two-factor sign-in (/admin/me/…).
        ["MyAccount"] = Everyone,
        ["Units"] = Editors,
        // 栏目与作者 (/admin/catalog): sections, tags and contributors.
        ["Sections"] = Editors,
        ["Tags"] = Editors,
        ["Contributors"] = Editors,
        ["Editions"] = Editors,
        ["Features"] = Editors,
        // Importing a page creates a whole page of drafts (and a feature) at once: placement work for editors.
        ["Import"] = Editors,
        // 上传版面: the day's page PDFs, their review and their facsimiles on the e-paper.
        ["PageUploads"] = Editors,
        ["Users"] = Admins,
        ["Audit"] = Admins,
        // 敏感词: the list the pre-publish check uses is the administrator's.
        ["SensitiveWords"] = Admins,
        // Action-level exceptions ("Controller.Action") where an action is stricter than its controller.
        ["Media.Delete"] = Editors,
        // 更正 on a published story: editors (and administrators) only, never the story's author.
        ["Articles.Correct"] = Editors,
    };

    private static string[] AllowedRoles(AdminEndpoint e) =>
        Matrix.TryGetValue($"{e.Controller}.{e.Action}", out var roles) ? roles : Matrix[e.Controller];

    private sealed record AdminEndpoint(string Controller, string Action, string Method, string Url, bool Anonymous);

    private static List<AdminEndpoint> Endpoints(PortalFactory factory)
    {
        var sources = factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        return sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Select(e => (e, d: e.Metadata.GetMetadata<ControllerActionDescriptor>()))
            .Where(x => x.d is not null && x.d.RouteValues.TryGetValue("area", out var area) && area == "Admin")
            .SelectMany(x => (x.e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => new AdminEndpoint(x.d!.ControllerName, x.d.ActionName, method, Url(x.e.RoutePattern),
                    x.e.Metadata.GetMetadata<IAllowAnonymous>() is not null)))
            .ToList();
    }

    /// <summary>Route parameters get ids that exist nowhere, so allowed requests end in 404/400, never in someone's data.</summary>
    private static string Url(Microsoft.AspNetCore.Routing.Patterns.RoutePattern pattern)
    {
        var parts = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.IsOptional => string.Empty,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content == "guid") => "00000000-0000-0000-0000-00000000abcd",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart => "999999",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart s => s.Content,
            _ => string.Empty,
        })));
        return "/" + string.Join('/', parts.Where(p => p.Length > 0));
    }

    [Fact]
    public async Task Every_admin_controller_is_in_the_matrix()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var endpoints = Endpoints(factory);

        Assert.True(endpoints.Count >= 15, $"only {endpoints.Count} admin endpoints found");
        var unknown = endpoints.Where(e => !e.Anonymous && !Matrix.ContainsKey(e.Controller)).Select(e => e.Controller).Distinct().ToList();
        Assert.True(unknown.Count == 0, "declare these controllers in the matrix: " + string.Join(", ", unknown));
    }

    [Fact]
    public async Task Anonymous_requests_go_to_sign_in()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = AdminClient.Anonymous(factory);

        foreach (var e in Endpoints(factory).Where(e => !e.Anonymous))
        {
            using var request = new HttpRequestMessage(new HttpMethod(e.Method), e.Url);
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{e.Method} {e.Url}: {(int)response.StatusCode}");
            Assert.StartsWith("https://localhost/admin/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(NewsRoles.Admin)]
    [InlineData(NewsRoles.Editor)]
    [InlineData(NewsRoles.Reporter)]
    [InlineData(NewsRoles.Correspondent)]
    public async Task Each_role_gets_exactly_what_the_matrix_allows(string role)
    {
        await using var factory = await PortalFactory.CreateAsync();
        var client = await AdminClient.SignInAsync(factory, role);
        // A real form token (the layout's sign-out form has one), so POSTs reach authorization checks
        // made inside actions too, not just the antiforgery filter.
        var token = await AdminClient.TokenAsync(client, "/admin");

        foreach (var e in Endpoints(factory).Where(e => !e.Anonymous))
        {
            if (e is { Controller: "Account", Action: "Logout" })
            {
                continue; // signing out here would end the session the rest of the loop uses
            }
            using var request = new HttpRequestMessage(new HttpMethod(e.Method), e.Url);
            if (e.Method == "POST")
            {
                request.Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("__RequestVerificationToken", token)]);
            }
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            var allowed = AllowedRoles(e).Contains(role);
            var status = (int)response.StatusCode;
            if (allowed)
            {
                // Allowed: the action runs (GET pages answer; POSTs without a form token are refused as bad requests).
                Assert.True(status is not 401 and not 403 && !(response.Headers.Location?.ToString().Contains("/account/login", StringComparison.Ordinal) ?? false),
                    $"{role} should reach {e.Method} {e.Url} but got {status}");
                Assert.True(status < 500, $"{role} {e.Method} {e.Url} answered {status}");
            }
            else
            {
                Assert.True(status == 403, $"{role} should be refused {e.Method} {e.Url} but got {status}");
            }
        }
    }

    [Fact]
    public async Task Every_admin_post_without_a_form_token_is_refused_before_it_runs()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var admin = await AdminClient.SignInAsync(factory, NewsRoles.Admin);
        var audited = await factory.QueryAsync(db => db.AuditEntries.CountAsync(TestContext.Current.CancellationToken));

        foreach (var e in Endpoints(factory).Where(e => e.Method == "POST" && !e.Anonymous))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, e.Url) { Content = new FormUrlEncodedContent([]) };
            using var response = await admin.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"POST {e.Url} without a token answered {(int)response.StatusCode}");
        }
        // Nothing ran: no action wrote its audit record (signing in wrote the ones before).
        Assert.Equal(audited, await factory.QueryAsync(db => db.AuditEntries.CountAsync(TestContext.Current.CancellationToken)));
    }

    /// <summary>
    /// A pending account step — a password an administrator set, or an administrator without two-factor
    /// sign-in — shuts every admin endpoint the role may use except the step itself and signing out: the
    /// member is sent to the step. Endpoints the role may not use stay 403.
    /// </summary>
    [Theory]
    [InlineData(NewsRoles.Editor, "password")]
    [InlineData(NewsRoles.Admin, "password")]
    [InlineData(NewsRoles.Admin, "two-factor")]
    public async Task A_pending_account_step_is_the_only_thing_a_member_can_reach(string role, string step)
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (id, email, password) = await AdminClient.CreateUserAsync(factory, role);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<NewsUser>>();
            var user = (await users.FindByIdAsync(id))!;
            if (step == "password")
            {
                user.MustChangePassword = true;
                Assert.True((await users.UpdateAsync(user)).Succeeded);
            }
            else
            {
                Assert.True((await users.SetTwoFactorEnabledAsync(user, false)).Succeeded);
            }
        }
        var client = AdminClient.Anonymous(factory);
        await AdminClient.SignInAsAsync(factory, client, email, password);
        var token = await AdminClient.TokenAsync(client, "/admin/me/" + step);

        foreach (var e in Endpoints(factory).Where(e => !e.Anonymous && e.Controller is not ("MyAccount" or "Account")))
        {
            using var request = new HttpRequestMessage(new HttpMethod(e.Method), e.Url);
            if (e.Method == "POST")
            {
                request.Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("__RequestVerificationToken", token)]);
            }
            using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
            if (AllowedRoles(e).Contains(role))
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/admin/me/" + step,
                    $"{role} with a pending {step} step reached {e.Method} {e.Url}: {(int)response.StatusCode} {response.Headers.Location}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} should be refused {e.Method} {e.Url} but got {(int)response.StatusCode}");
            }
        }
        using var stepPage = await client.GetAsync(new Uri("/admin/me/" + step, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, stepPage.StatusCode);
    }
}
