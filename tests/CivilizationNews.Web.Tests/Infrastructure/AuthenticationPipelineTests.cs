using System.Collections.Concurrent;
using System.Net;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Web.Tests.Support;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Web.Tests.Infrastructure;

/// <summary>
/// The authentication middleware runs only for requests that carry the sign-in cookie (NewsroomSetup
/// .UseNewsroomAuthentication): a reader's request never reaches it, a signed-in editor's always does.
/// </summary>
public sealed class AuthenticationPipelineTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Outside the whole pipeline: records, for each request, whether the authentication middleware ran (it sets IAuthenticationFeature).</summary>
    private sealed class Probe(ConcurrentDictionary<string, bool> seen) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                await inner(context);
                seen[context.Request.Path.Value ?? ""] = context.Features.Get<IAuthenticationFeature>() is not null;
            });
            next(app);
        };
    }

    [Fact]
    public async Task Only_requests_carrying_the_sign_in_cookie_are_authenticated()
    {
        var seen = new ConcurrentDictionary<string, bool>();
        await using var factory = await PortalFactory.CreateAsync(services: s => s.AddSingleton<IStartupFilter>(new Probe(seen)));

        var reader = AdminClient.Anonymous(factory);
        using (var home = await reader.GetAsync(new Uri("/", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }
        Assert.False(seen["/"], "a reader's request went through the authentication middleware");
        using (var admin = await reader.GetAsync(new Uri("/admin", UriKind.Relative), Ct))
        {
            // Still refused: the admin's authorization sees an anonymous user and sends it to the sign-in page.
            Assert.Equal(HttpStatusCode.Redirect, admin.StatusCode);
            Assert.StartsWith("/admin/account/login", admin.Headers.Location?.PathAndQuery ?? admin.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }

        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        seen.Clear();
        using (var admin = await editor.GetAsync(new Uri("/admin", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        }
        using (var home = await editor.GetAsync(new Uri("/", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        }
        Assert.True(seen["/admin"]);
        Assert.True(seen["/"], "a signed-in editor's public page was not authenticated");
    }
}
