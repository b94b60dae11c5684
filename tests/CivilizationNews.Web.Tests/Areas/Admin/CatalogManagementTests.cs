using System.Globalization;
using System.Net;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CivilizationNews.Web.Tests.Areas.Admin.ManagementTestKit;

namespace CivilizationNews.Web.Tests.Areas.Admin;

public sealed class CatalogManagementTests
{
    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Merging_two_tags_moves_their_stories_and_removes_the_source()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var tags = await factory.QueryAsync(db => db.Tags.Where(t => t.Articles.Any()).OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.Name, Stories = t.Articles.Select(a => a.ArticleId).ToList() }).Take(2).ToListAsync(Ct));
        var (source, target) = (tags[0], tags[1]);

        var response = await AdminClient.PostFormAsync(editor, "/admin/catalog/tags", "/admin/catalog/tags/merge",
            new() { ["sourceId"] = S(source.Id), ["targetId"] = S(target.Id) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await factory.QueryAsync(db => db.Tags.AnyAsync(t => t.Id == source.Id, Ct)));
        var merged = await factory.QueryAsync(db => db.ArticleTags.Where(a => a.TagId == target.Id).Select(a => a.ArticleId).ToListAsync(Ct));
        Assert.Equal(source.Stories.Union(target.Stories).Order(), merged.Order());
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "tag.merge", Ct)));
    }

    [Fact]
    public async Task A_tag_cannot_be_renamed_onto_another_and_only_unused_tags_can_be_deleted()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var tags = await factory.QueryAsync(db => db.Tags.Where(t => t.Articles.Any()).OrderBy(t => t.Id).Select(t => new { t.Id, t.Name }).Take(2).ToListAsync(Ct));

        await AdminClient.PostFormAsync(editor, "/admin/catalog/tags", $"/admin/catalog/tags/{tags[0].Id}/rename", new() { ["name"] = tags[1].Name });
        Assert.Contains("请使用“合并标签”", await FlashAsync(editor, "/admin/catalog/tags"), StringComparison.Ordinal);
        await AdminClient.PostFormAsync(editor, "/admin/catalog/tags", $"/admin/catalog/tags/{tags[0].Id}/delete", new());
        Assert.Contains("不能删除", await FlashAsync(editor, "/admin/catalog/tags"), StringComparison.Ordinal);
        Assert.Equal(tags[0].Name, await factory.QueryAsync(db => db.Tags.Where(t => t.Id == tags[0].Id).Select(t => t.Name).SingleAsync(Ct)));

        var unused = await factory.QueryAsync(async db =>
        {
            var tag = new CivilizationNews.Core.Tags.Tag { Name = "无人使用" };
            db.Tags.Add(tag);
            await db.SaveChangesAsync(Ct);
            return tag.Id;
        });
        await AdminClient.PostFormAsync(editor, "/admin/catalog/tags", $"/admin/catalog/tags/{unused}/delete", new());
        Assert.False(await factory.QueryAsync(db => db.Tags.AnyAsync(t => t.Id == unused, Ct)));
    }

    [Fact]
    public async Task Sections_and_contributors_are_created_edited_and_protected_while_in_use()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);

        var created = await AdminClient.PostFormAsync(editor, "/admin/catalog/sections/create", "/admin/catalog/sections/create",
            new() { ["Slug"] = "tiyu", ["Name"] = "体育", ["SortOrder"] = "90", ["Description"] = "体育新闻" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var duplicate = await AdminClient.PostFormAsync(editor, "/admin/catalog/sections/create", "/admin/catalog/sections/create",
            new() { ["Slug"] = "tiyu", ["Name"] = "体育2", ["SortOrder"] = "91" });
        Assert.Contains("已被另一个栏目使用", await ErrorsAsync(duplicate), StringComparison.Ordinal);

        var used = await factory.QueryAsync(db => db.Sections.Where(s => s.Slug == "yaowen").Select(s => s.Id).SingleAsync(Ct));
        await AdminClient.PostFormAsync(editor, $"/admin/catalog/sections/{used}/edit", $"/admin/catalog/sections/{used}/delete", new());
        Assert.Contains("不能删除", await FlashAsync(editor, $"/admin/catalog/sections/{used}/edit"), StringComparison.Ordinal);

        var contributor = await AdminClient.PostFormAsync(editor, "/admin/catalog/contributors/create", "/admin/catalog/contributors/create",
            new() { ["Slug"] = "xuyun", ["Name"] = "徐云", ["UsualRole"] = "PhotoJournalist", ["Organisation"] = "本报" });
        Assert.Equal(HttpStatusCode.Redirect, contributor.StatusCode);
        var saved = await factory.QueryAsync(db => db.Contributors.SingleAsync(c => c.Slug == "xuyun", Ct));
        var edit = await AdminClient.PostFormAsync(editor, $"/admin/catalog/contributors/{saved.Id}/edit", $"/admin/catalog/contributors/{saved.Id}/edit",
            new() { ["Slug"] = "xuyun", ["Name"] = "徐云", ["UsualRole"] = "Reporter", ["Organisation"] = "本报", ["Version"] = saved.Version.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Equal(CivilizationNews.Core.Contributors.CreditRole.Reporter,
            await factory.QueryAsync(db => db.Contributors.Where(c => c.Id == saved.Id).Select(c => c.UsualRole).SingleAsync(Ct)));

        var credited = await factory.QueryAsync(db => db.ArticleCredits.Select(c => c.ContributorId).FirstAsync(Ct));
        await AdminClient.PostFormAsync(editor, $"/admin/catalog/contributors/{credited}/edit", $"/admin/catalog/contributors/{credited}/delete", new());
        Assert.Contains("不能删除", await FlashAsync(editor, $"/admin/catalog/contributors/{credited}/edit"), StringComparison.Ordinal);
        Assert.True(await factory.QueryAsync(db => db.Contributors.AnyAsync(c => c.Id == credited, Ct)));
    }

    [Fact]
    public async Task A_stale_section_save_keeps_the_input_beside_the_saved_version()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var first = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");
        var second = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "孙明阳");
        var section = await factory.QueryAsync(db => db.Sections.SingleAsync(s => s.Slug == "yaowen", Ct));
        var url = $"/admin/catalog/sections/{section.Id}/edit";
        Dictionary<string, string> Form(string name) => new()
        {
            ["Slug"] = section.Slug, ["Name"] = name, ["SortOrder"] = S(section.SortOrder), ["Version"] = section.Version.ToString(),
        };

        Assert.Equal(HttpStatusCode.Redirect, (await AdminClient.PostFormAsync(second, url, url, Form("要闻（孙）"))).StatusCode);
        var stale = await AdminClient.PostFormAsync(first, url, url, Form("要闻（赵）"));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("这个栏目已被他人修改并保存", await ErrorsAsync(stale), StringComparison.Ordinal);
        var page = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await stale.Content.ReadAsStringAsync(Ct));
        Assert.Equal("要闻（赵）", page.QuerySelector("input[name=Name]")!.GetAttribute("value"));
        var saved = await factory.QueryAsync(db => db.Sections.SingleAsync(s => s.Id == section.Id, Ct));
        Assert.Equal(saved.Version.ToString(), page.QuerySelector("input[name=Version]")!.GetAttribute("value"));
        var panel = page.QuerySelector(".saved-version")!.TextContent;
        Assert.Contains("要闻（孙）", panel, StringComparison.Ordinal);
        Assert.Contains("孙明阳", panel, StringComparison.Ordinal);
        Assert.Equal("要闻（孙）", saved.Name);
    }
}
