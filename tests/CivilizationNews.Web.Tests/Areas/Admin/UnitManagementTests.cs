using System.Net;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CivilizationNews.Web.Tests.Areas.Admin.ManagementTestKit;

namespace CivilizationNews.Web.Tests.Areas.Admin;

public sealed class UnitManagementTests
{
    private static Dictionary<string, string> Form(string slug, string name, Guid version = default) => new()
    {
        ["Slug"] = slug, ["Name"] = name, ["ShortName"] = "市图书馆", ["Kind"] = "PublicInstitution", ["IndustrySystem"] = "文化旅游",
        ["Description"] = "市图书馆坚持**全民阅读**。\n\n开设“文明讲堂”。", ["Address"] = "运城市盐湖区",
        ["Honours[0].Year"] = "2019", ["Honours[0].Title"] = "市级文明单位",
        ["Honours[1].Year"] = "2021", ["Honours[1].Title"] = "省级文明单位",
        ["Honours[2].Year"] = "", ["Honours[2].Title"] = "",
        ["Version"] = version.ToString(),
    };

    [Fact]
    public async Task An_editor_creates_a_unit_with_honours_by_year_and_the_change_is_audited()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");

        var response = await AdminClient.PostFormAsync(editor, "/admin/units/create", "/admin/units/create", Form("city-library", "运城市图书馆"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = IdFrom(response, 3);
        var unit = await factory.QueryAsync(db => db.Units.Include(u => u.Honours).SingleAsync(u => u.Id == id, Ct));
        Assert.Equal(("city-library", "运城市图书馆", "文化旅游"), (unit.Slug, unit.Name, unit.IndustrySystem));
        Assert.Equal([(2019, "市级文明单位"), (2021, "省级文明单位")], unit.Honours.OrderBy(h => h.Year).Select(h => (h.Year, h.Title)));
        var entry = await factory.QueryAsync(db => db.AuditEntries.SingleAsync(e => e.Action == "unit.create", Ct));
        Assert.Equal(("赵静怡", "Unit", id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (entry.UserName, entry.EntityType, entry.EntityId));

        var (_, publicPage) = await Html.GetAsync(AdminClient.Anonymous(factory), "/unit/city-library");
        Assert.Contains("省级文明单位", publicPage.Body.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_save_is_refused_in_Chinese_and_does_not_overwrite_the_other_editors_work()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var first = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");
        var second = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "孙明阳");
        var (id, loaded) = await factory.QueryAsync(db => db.Units.Where(u => u.Slug == "zxyy").Select(u => new ValueTuple<int, Guid>(u.Id, u.Version)).SingleAsync(Ct));
        var url = $"/admin/units/{id}/edit";

        // Both opened the form with the same Version; the second editor saves first.
        var secondSave = await AdminClient.PostFormAsync(second, url, url, Form("zxyy", "运城市中心医院（孙）", loaded));
        Assert.Equal(HttpStatusCode.Redirect, secondSave.StatusCode);

        var firstSave = await AdminClient.PostFormAsync(first, url, url, Form("zxyy", "运城市中心医院（赵）", loaded));

        Assert.Equal(HttpStatusCode.Conflict, firstSave.StatusCode);
        var html = await firstSave.Content.ReadAsStringAsync(Ct);
        Assert.Contains("这个单位已被他人修改并保存", html, StringComparison.Ordinal);
        Assert.Contains("运城市中心医院（赵）", html, StringComparison.Ordinal); // the refused input is still in the form
        Assert.Contains("孙明阳", html, StringComparison.Ordinal); // who saved meanwhile
        Assert.Equal("运城市中心医院（孙）", await factory.QueryAsync(db => db.Units.Where(u => u.Id == id).Select(u => u.Name).SingleAsync(Ct)));
        Assert.Equal(1, await factory.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "unit.update", Ct)));
    }

    [Fact]
    public async Task A_unit_referenced_by_stories_cannot_be_deleted_and_an_unreferenced_one_can()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var used = await factory.QueryAsync(db => db.Units.Where(u => u.Articles.Any()).Select(u => u.Id).FirstAsync(Ct));

        var refused = await AdminClient.PostFormAsync(editor, $"/admin/units/{used}/edit", $"/admin/units/{used}/delete", new());
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Matches("仍被 \\d+ 篇稿件引用，不能删除", await FlashAsync(editor, $"/admin/units/{used}/edit"));
        Assert.True(await factory.QueryAsync(db => db.Units.AnyAsync(u => u.Id == used, Ct)));

        var created = await AdminClient.PostFormAsync(editor, "/admin/units/create", "/admin/units/create", Form("temp-unit", "临时单位"));
        var id = IdFrom(created, 3);
        var deleted = await AdminClient.PostFormAsync(editor, $"/admin/units/{id}/edit", $"/admin/units/{id}/delete", new());
        Assert.Equal("/admin/units", deleted.Headers.Location?.OriginalString);
        Assert.False(await factory.QueryAsync(db => db.Units.AnyAsync(u => u.Id == id, Ct)));
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "unit.delete", Ct)));
    }

    [Fact]
    public async Task Invalid_input_is_explained_in_Chinese_and_nothing_is_saved()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var before = await factory.QueryAsync(db => db.Units.CountAsync(Ct));
        var form = Form("Bad Slug!", "");
        form["Honours[0].Year"] = "1800";

        var response = await AdminClient.PostFormAsync(editor, "/admin/units/create", "/admin/units/create", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Contains("网址名只能用小写英文字母", errors, StringComparison.Ordinal);
        Assert.Contains("请填写单位全称", errors, StringComparison.Ordinal);
        Assert.Contains("第 1 行荣誉", errors, StringComparison.Ordinal);
        Assert.Equal(before, await factory.QueryAsync(db => db.Units.CountAsync(Ct)));
    }
}
