using System.Net;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CivilizationNews.Web.Tests.Areas.Admin.ManagementTestKit;

namespace CivilizationNews.Web.Tests.Areas.Admin;

public sealed class AuditLogTests
{
    [Fact]
    public async Task The_log_lists_newest_first_and_filters_by_action_prefix_and_by_user()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (editorId, editorEmail, editorPassword) = await AdminClient.CreateUserAsync(factory, NewsRoles.Editor, "孙明阳");
        var editor = AdminClient.Anonymous(factory);
        await AdminClient.PostFormAsync(editor, "/admin/account/login", "/admin/account/login", new() { ["Email"] = editorEmail, ["Password"] = editorPassword });
        var tag = await factory.QueryAsync(db => db.Tags.Where(t => t.Articles.Any()).Select(t => new { t.Id, t.Name }).FirstAsync(Ct));
        await AdminClient.PostFormAsync(editor, "/admin/catalog/tags", $"/admin/catalog/tags/{tag.Id}/rename", new() { ["name"] = tag.Name + "（改）" });
        await AdminClient.PostFormAsync(editor, "/admin/catalog/sections/create", "/admin/catalog/sections/create",
            new() { ["Slug"] = "tiyu", ["Name"] = "体育", ["SortOrder"] = "90", ["Description"] = "" });
        var admin = await AdminClient.SignInAsync(factory, NewsRoles.Admin, "管理员甲");

        var (all, allDoc) = await Html.GetAsync(admin, "/admin/audit");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        var actions = allDoc.QuerySelectorAll(".audit-table tbody tr td:nth-child(3)").Select(td => td.Text()).ToList();
        // Newest first: the administrator's sign-in, then the section, then the tag rename.
        Assert.Equal(["account.sign-in", "section.create", "tag.rename"], actions.Take(3));

        var (_, tagsOnly) = await Html.GetAsync(admin, "/admin/audit?action=tag.");
        Assert.Equal(["tag.rename"], tagsOnly.QuerySelectorAll(".audit-table tbody tr td:nth-child(3)").Select(td => td.Text()));
        Assert.Contains($"{tag.Name} → {tag.Name}（改）", tagsOnly.QuerySelector(".audit-table tbody")!.Text(), StringComparison.Ordinal);

        var (_, byEditor) = await Html.GetAsync(admin, $"/admin/audit?user={editorId}");
        Assert.All(byEditor.QuerySelectorAll(".audit-table tbody tr td:nth-child(2)"), td => Assert.Equal("孙明阳", td.Text()));
        Assert.Equal(3, byEditor.QuerySelectorAll(".audit-table tbody tr").Length); // sign-in, rename, section
        Assert.Equal(3, await factory.QueryAsync(db => db.AuditEntries.CountAsync(e => e.UserId == editorId, Ct)));
    }
}
