using System.Globalization;
using System.Net;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static CivilizationNews.Web.Tests.Areas.Admin.ManagementTestKit;

namespace CivilizationNews.Web.Tests.Areas.Admin;

public sealed class FeatureComposerTests
{
    private static string S(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Task<int> StoryAsync(PortalFactory factory, string title, ArticleStatus status) => factory.QueryAsync(async db =>
    {
        var section = await db.Sections.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(Ct);
        var article = new Article
        {
            Title = title, Body = title + "的正文。", Status = status, SectionId = section, CreatedAt = DateTime.UtcNow,
            ScheduledAt = status == ArticleStatus.Scheduled ? DateTime.UtcNow.AddDays(1) : null,
        };
        db.Articles.Add(article);
        await db.SaveChangesAsync(Ct);
        return article.Id;
    });

    private static async Task<int> CreateFeatureAsync(HttpClient editor, int lead, string slug)
    {
        var response = await AdminClient.PostFormAsync(editor, "/admin/features/create", "/admin/features/create", new()
        {
            ["Title"] = "汇聚机关力量 擦亮文明底色（测试）", ["Slug"] = slug, ["Summary"] = "年度盘点", ["LeadArticleId"] = S(lead),
            ["BylineLabel"] = "本版撰文", ["EditionPageId"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return IdFrom(response, 3);
    }

    private static async Task AddSidebarAsync(HttpClient editor, int feature, int article)
    {
        var response = await AdminClient.PostFormAsync(editor, $"/admin/features/{feature}", $"/admin/features/{feature}/sidebars", new() { ["articleId"] = S(article) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Publishing_as_a_whole_is_refused_while_a_story_is_unreviewed_then_publishes_everything_at_once()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");
        var lead = await StoryAsync(factory, "年度主稿", ArticleStatus.Approved);
        var scheduled = await StoryAsync(factory, "已排期的侧栏", ArticleStatus.Scheduled);
        var draft = await StoryAsync(factory, "还在草稿的侧栏", ArticleStatus.Draft);
        var submitted = await StoryAsync(factory, "等待审核的侧栏", ArticleStatus.Submitted);
        var feature = await CreateFeatureAsync(editor, lead, "roundup-test");
        foreach (var sidebar in new[] { scheduled, draft, submitted })
        {
            await AddSidebarAsync(editor, feature, sidebar);
        }

        var refused = await AdminClient.PostFormAsync(editor, $"/admin/features/{feature}", $"/admin/features/{feature}/publish", new());
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var message = await FlashAsync(editor, $"/admin/features/{feature}");
        Assert.Contains("专题未发布", message, StringComparison.Ordinal);
        Assert.Contains("《还在草稿的侧栏》（草稿）", message, StringComparison.Ordinal);
        Assert.Contains("《等待审核的侧栏》（待审）", message, StringComparison.Ordinal);
        Assert.DoesNotContain("年度主稿", message, StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.Features.Where(f => f.Id == feature).Select(f => f.IsPublished).SingleAsync(Ct)));
        Assert.Equal(ArticleStatus.Approved, await factory.QueryAsync(db => db.Articles.Where(a => a.Id == lead).Select(a => a.Status).SingleAsync(Ct)));

        // The two stories are reviewed; now the whole package goes out in one step.
        await factory.QueryAsync(db => db.Articles.Where(a => a.Id == draft || a.Id == submitted)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Approved), Ct));
        var published = await AdminClient.PostFormAsync(editor, $"/admin/features/{feature}", $"/admin/features/{feature}/publish", new());
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("同时发布了 4 篇稿件", await FlashAsync(editor, $"/admin/features/{feature}"), StringComparison.Ordinal);

        var ids = new[] { lead, scheduled, draft, submitted };
        var stories = await factory.QueryAsync(db => db.Articles.Where(a => ids.Contains(a.Id)).Select(a => new { a.Status, a.PublishedAt, a.ScheduledAt }).ToListAsync(Ct));
        Assert.All(stories, s => Assert.Equal((ArticleStatus.Published, (DateTime?)null), (s.Status, s.ScheduledAt)));
        Assert.Single(stories.Select(s => s.PublishedAt).Distinct());
        Assert.True(await factory.QueryAsync(db => db.Features.Where(f => f.Id == feature).Select(f => f.IsPublished).SingleAsync(Ct)));
        Assert.Equal(4, await factory.QueryAsync(db => db.ArticleTransitions.CountAsync(t => ids.Contains(t.ArticleId) && t.To == ArticleStatus.Published && t.UserName == "赵静怡", Ct)));
        Assert.Equal(4, await factory.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "article.published" && e.UserName == "赵静怡", Ct)));
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "feature.publish" && e.EntityId == S(feature), Ct)));

        var (page, doc) = await Html.GetAsync(AdminClient.Anonymous(factory), "/feature/roundup-test");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var text = doc.Body.Text();
        Assert.Contains("年度主稿", text, StringComparison.Ordinal);
        Assert.Contains("等待审核的侧栏", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sidebars_and_photos_reorder_with_plain_post_buttons_and_the_byline_is_saved_by_role()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var lead = await StoryAsync(factory, "主稿", ArticleStatus.Approved);
        var a = await StoryAsync(factory, "侧栏甲", ArticleStatus.Approved);
        var b = await StoryAsync(factory, "侧栏乙", ArticleStatus.Approved);
        var c = await StoryAsync(factory, "侧栏丙", ArticleStatus.Approved);
        var feature = await CreateFeatureAsync(editor, lead, "order-test");
        foreach (var id in new[] { a, b, c })
        {
            await AddSidebarAsync(editor, feature, id);
        }
        var url = $"/admin/features/{feature}";

        // The composer page offers the buttons a browser without script would use.
        var (_, doc) = await Html.GetAsync(editor, url);
        Assert.NotNull(doc.QuerySelector($"button[formaction='{url}/sidebars/{c}/up']"));

        await AdminClient.PostFormAsync(editor, url, $"{url}/sidebars/{c}/up", new());
        await AdminClient.PostFormAsync(editor, url, $"{url}/sidebars/{a}/down", new());
        Assert.Equal([c, a, b], await SidebarsAsync());
        await AdminClient.PostFormAsync(editor, url, $"{url}/sidebars/{c}/remove", new());
        Assert.Equal([a, b], await SidebarsAsync());
        var leadAsSidebar = await AdminClient.PostFormAsync(editor, url, $"{url}/sidebars", new() { ["articleId"] = S(lead) });
        Assert.Equal(HttpStatusCode.Redirect, leadAsSidebar.StatusCode);
        Assert.Contains("是本专题的主稿", await FlashAsync(editor, url), StringComparison.Ordinal);

        var photos = await factory.QueryAsync(db => db.Media.OrderBy(m => m.Id).Select(m => m.Id).Take(2).ToListAsync(Ct));
        foreach (var photo in photos)
        {
            await AdminClient.PostFormAsync(editor, url, $"{url}/photos", new() { ["mediaId"] = S(photo) });
        }
        await AdminClient.PostFormAsync(editor, url, $"{url}/photos/{photos[1]}/up", new());
        Assert.Equal([photos[1], photos[0]], await factory.QueryAsync(db => db.FeaturePhotos.Where(p => p.FeatureId == feature).OrderBy(p => p.SortOrder).Select(p => p.MediaId).ToListAsync(Ct)));

        var byline = await AdminClient.PostPairsAsync(editor, url, $"{url}/byline",
        [
            new("Roles", "Reporter"), new("Names", "刘思远、王磊"),
            new("Roles", "Correspondent"), new("Names", "张晓燕 李建国"),
            new("Roles", "Reporter"), new("Names", ""),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, byline.StatusCode);
        var rows = await factory.QueryAsync(db => db.FeatureBylines.Where(x => x.FeatureId == feature).OrderBy(x => x.SortOrder)
            .Select(x => new { x.Role, x.Name, x.ContributorId }).ToListAsync(Ct));
        Assert.Equal(["刘思远", "王磊", "张晓燕", "李建国"], rows.Select(r => r.Name));
        Assert.Equal(CivilizationNews.Core.Contributors.CreditRole.Correspondent, rows[2].Role);
        Assert.NotNull(rows[0].ContributorId); // 刘思远 is a known contributor and is linked
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "feature.sidebar-move" && e.EntityId == S(feature), Ct)));

        Task<List<int>> SidebarsAsync() => factory.QueryAsync(db => db.FeatureSidebars.Where(s => s.FeatureId == feature).OrderBy(s => s.SortOrder).Select(s => s.ArticleId).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_feature_without_a_lead_is_refused_in_Chinese_only()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);

        var response = await AdminClient.PostFormAsync(editor, "/admin/features/create", "/admin/features/create", new()
        {
            ["Title"] = "没有主稿的专题", ["Slug"] = "no-lead", ["LeadArticleId"] = "", ["EditionPageId"] = "",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Contains("请选择主稿", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("invalid", errors, StringComparison.OrdinalIgnoreCase);
        Assert.False(await factory.QueryAsync(db => db.Features.AnyAsync(f => f.Slug == "no-lead", Ct)));
    }

    [Fact]
    public async Task The_composer_is_for_editors_only()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);

        var response = await reporter.GetAsync(new Uri("/admin/features", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
