using System.Net;
using AngleSharp.Html.Parser;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Scheduling;
using CivilizationNews.Web.Infrastructure;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Web.Tests.Areas.Admin;

public sealed class NewsroomFlowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> Story(int sectionId, string title, string body) => new()
    {
        ["Title"] = title, ["Kicker"] = "市直工委", ["Subtitle"] = "——盘点一年来的志愿服务", ["Dateline"] = "本报讯（记者 刘思远）",
        ["Body"] = body, ["SectionId"] = sectionId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PageOrder"] = "1",
        ["KeyFigures"] = "志愿服务：3.06万余人次",
    };

    [Fact]
    public async Task Reporter_writes_editor_approves_and_schedules_and_it_appears_on_the_home_page()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var sectionId = await factory.QueryAsync(db => db.Sections.Where(s => s.Slug == "wenming").Select(s => s.Id).SingleAsync());
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter, "刘思远");
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");

        var created = await AdminClient.PostFormAsync(reporter, "/admin/articles/create", "/admin/articles/create",
            Story(sectionId, "志愿红点亮城市文明", "## 一抹抹志愿红\n\n——**红在党建引领。**各单位组织干部上路口。"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var editUrl = created.Headers.Location!.OriginalString;
        var id = int.Parse(editUrl.Split('/')[3], System.Globalization.CultureInfo.InvariantCulture);

        var submit = await AdminClient.PostFormAsync(reporter, editUrl, $"/admin/articles/{id}/transition", new() { ["to"] = "submitted" });
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        // The reporter cannot approve: the action is refused.
        var approveByReporter = await AdminClient.PostFormAsync(reporter, editUrl, $"/admin/articles/{id}/transition", new() { ["to"] = "approved" });
        Assert.Equal(HttpStatusCode.Forbidden, approveByReporter.StatusCode);

        await AdminClient.PostFormAsync(editor, editUrl, $"/admin/articles/{id}/transition", new() { ["to"] = "approved" });
        var at = CivilizationNews.Core.Time.ChinaTime.ToChina(DateTime.UtcNow.AddMinutes(2));
        var schedule = await AdminClient.PostFormAsync(editor, editUrl, $"/admin/articles/{id}/transition",
            new() { ["to"] = "scheduled", ["scheduleAt"] = at.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, schedule.StatusCode);
        Assert.Equal(ArticleStatus.Scheduled, await factory.QueryAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync()));
        var dashboard = await editor.GetStringAsync(new Uri("/admin", UriKind.Relative), Ct);
        Assert.Contains("志愿红点亮城市文明", dashboard, StringComparison.Ordinal);

        // Its time comes: move it into the past and let the scheduler's check run.
        await factory.QueryAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ScheduledAt, DateTime.UtcNow.AddSeconds(-1))));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ScheduledPublisher>().PublishDueAsync(Ct);
        }

        var home = await AdminClient.Anonymous(factory).GetStringAsync(new Uri("/", UriKind.Relative), Ct);
        Assert.Contains("志愿红点亮城市文明", home, StringComparison.Ordinal);
        var page = new HtmlParser().ParseDocument(await AdminClient.Anonymous(factory).GetStringAsync(new Uri($"/article/{id}", UriKind.Relative), Ct));
        Assert.Equal("本报讯（记者 刘思远）", page.QuerySelector(".story-body p strong")!.TextContent);
        Assert.Equal("——盘点一年来的志愿服务", page.QuerySelector(".subtitle")!.TextContent);
        var history = await factory.QueryAsync(db => db.ArticleTransitions.Where(t => t.ArticleId == id).OrderBy(t => t.Id).Select(t => t.UserName + ":" + t.To).ToListAsync());
        Assert.Equal(["刘思远:Submitted", "赵静怡:Approved", "赵静怡:Scheduled", "系统:Published"], history);
    }

    [Fact]
    public async Task Second_editor_sees_a_conflict_page_with_both_versions()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var id = await factory.QueryAsync(db => db.Articles.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        var first = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");
        var second = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "孙明阳");
        var url = $"/admin/articles/{id}/edit";

        async Task<List<KeyValuePair<string, string>>> FormOf(HttpClient client)
        {
            var doc = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(url, UriKind.Relative), Ct));
            var form = doc.QuerySelector("#editor")!;
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var input in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
            {
                var name = input.GetAttribute("name")!;
                if (name == "__RequestVerificationToken") { continue; }
                if (input.TagName == "SELECT")
                {
                    fields.AddRange(input.QuerySelectorAll("option[selected]").Select(o => new KeyValuePair<string, string>(name, o.GetAttribute("value") ?? "")));
                }
                else
                {
                    fields.Add(new(name, input.TagName == "TEXTAREA" ? input.TextContent : input.GetAttribute("value") ?? ""));
                }
            }
            return fields;
        }
        static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> fields, string name, string value) =>
            fields.Where(f => f.Key != name).Append(new(name, value)).ToList();

        var a = await FormOf(first);
        var b = await FormOf(second);
        var saveA = await AdminClient.PostPairsAsync(first, url, url, With(a, "Body", "甲编辑的正文。"));
        var saveB = await AdminClient.PostPairsAsync(second, url, url, With(b, "Body", "乙编辑的正文。"));

        Assert.Equal(HttpStatusCode.Redirect, saveA.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, saveB.StatusCode);
        var conflict = await saveB.Content.ReadAsStringAsync(Ct);
        Assert.Contains("甲编辑的正文。", conflict, StringComparison.Ordinal);
        Assert.Contains("乙编辑的正文。", conflict, StringComparison.Ordinal);
        Assert.Contains("赵静怡", conflict, StringComparison.Ordinal);
        Assert.Equal("甲编辑的正文。", await factory.QueryAsync(db => db.Articles.Where(x => x.Id == id).Select(x => x.Body).SingleAsync()));
    }

    [Fact]
    public async Task Someone_else_editing_is_shown()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var id = await factory.QueryAsync(db => db.Articles.OrderBy(a => a.Id).Select(a => a.Id).FirstAsync());
        var first = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");
        var second = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "孙明阳");

        await first.GetStringAsync(new Uri($"/admin/articles/{id}/edit", UriKind.Relative), Ct);
        var page = new HtmlParser().ParseDocument(await second.GetStringAsync(new Uri($"/admin/articles/{id}/edit", UriKind.Relative), Ct));

        var notice = page.QuerySelector("#presence")!;
        Assert.False(notice.HasAttribute("hidden"));
        Assert.Contains("另一位编辑正在编辑", notice.TextContent, StringComparison.Ordinal);
        Assert.Contains("赵静怡", notice.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Who_is_editing_a_colleagues_draft_is_not_told_to_a_reporter_who_may_not_open_it()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter, "刘思远");
        var section = await factory.QueryAsync(db => db.Sections.Select(s => s.Id).FirstAsync(Ct));
        var id = await AdminClient.CreateStoryAsync(editor, section, "编辑部内部的稿件");
        await editor.GetStringAsync(new Uri($"/admin/articles/{id}/edit", UriKind.Relative), Ct);

        var refused = await AdminClient.PostFormAsync(reporter, "/admin/articles", $"/admin/articles/{id}/heartbeat", new());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("赵静怡", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // Nor is the reporter recorded as having it open.
        Assert.False(await factory.QueryAsync(db => db.ArticleEditPresences.AnyAsync(p => p.ArticleId == id && p.UserName == "刘思远", Ct)));

        var allowed = await AdminClient.PostFormAsync(editor, "/admin/articles", $"/admin/articles/{id}/heartbeat", new());
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Preview_uses_the_public_renderer()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);

        var response = await AdminClient.PostFormAsync(editor, "/admin/articles/create", "/admin/articles/preview",
            new() { ["body"] = "**领导重视，率先垂范。**各单位……<script>alert(1)</script>", ["dateline"] = "本报讯" });

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("<strong class=\"dateline\">本报讯</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>领导重视，率先垂范。</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task First_administrator_setup_link_works_once()
    {
        await using var factory = await PortalFactory.CreateAsync();
        string token;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            token = (await scope.ServiceProvider.GetRequiredService<FirstAdministrator>().IssueSetupTokenIfNoUsersAsync(null))!;
        }
        var client = AdminClient.Anonymous(factory);
        var url = $"/admin/setup?token={token}";

        var bad = await client.GetAsync(new Uri("/admin/setup?token=wrong", UriKind.Relative), Ct);
        var created = await AdminClient.PostFormAsync(client, url, "/admin/setup", new()
        {
            ["Token"] = token, ["Email"] = "chief@example.cn", ["DisplayName"] = "总编辑", ["Password"] = "a-long-secret-1", ["ConfirmPassword"] = "a-long-secret-1",
        });
        var again = await client.GetAsync(new Uri(url, UriKind.Relative), Ct);
        var dashboard = await client.GetAsync(new Uri("/admin", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.NotFound, bad.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.True(await factory.QueryAsync(db => db.UserRoles.AnyAsync()));
        // The new administrator is signed in, and sets up two-factor sign-in before anything else.
        Assert.Equal(HttpStatusCode.Redirect, dashboard.StatusCode);
        Assert.Equal("/admin/me/two-factor", dashboard.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Repeated_failed_sign_ins_lock_the_account()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (_, email, password) = await AdminClient.CreateUserAsync(factory, NewsRoles.Editor);
        var client = AdminClient.Anonymous(factory);

        for (var i = 0; i < 5; i++)
        {
            await AdminClient.PostFormAsync(client, "/admin/account/login", "/admin/account/login", new() { ["Email"] = email, ["Password"] = "wrong-password" });
        }
        var right = await AdminClient.PostFormAsync(client, "/admin/account/login", "/admin/account/login", new() { ["Email"] = email, ["Password"] = password });

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("账号暂时无法登录", await right.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.True(await factory.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.LockoutEnd).SingleAsync(Ct)) > DateTimeOffset.UtcNow);
    }
}
