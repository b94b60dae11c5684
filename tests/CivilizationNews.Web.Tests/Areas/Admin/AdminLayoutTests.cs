using CivilizationNews.Core.Accounts;
using CivilizationNews.Web.Tests.Support;

namespace CivilizationNews.Web.Tests.Areas.Admin;

/// <summary>The admin's navigation is generated from routes: every link resolves to its area's page.</summary>
public sealed class AdminLayoutTests
{
    [Fact]
    public async Task Every_navigation_link_and_the_sign_out_form_resolve_to_their_admin_pages()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var admin = await AdminClient.SignInAsync(factory, NewsRoles.Admin);

        var (_, page) = await Html.GetAsync(admin, "/admin");

        var links = page.QuerySelectorAll("header a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(
            ["/admin", "/admin", "/admin/articles", "/admin/features", "/admin/editions", "/admin/pages", "/admin/import", "/admin/units", "/admin/catalog",
             "/admin/media", "/admin/users", "/admin/sensitive-words", "/admin/audit", "/admin/me/two-factor"],
            links.Where(h => h != "#main"));
        Assert.Equal("/admin/account/logout", page.QuerySelector("form.admin-user")?.GetAttribute("action"));
        Assert.NotNull(page.QuerySelector("form.admin-user input[name='__RequestVerificationToken']"));
    }
}
