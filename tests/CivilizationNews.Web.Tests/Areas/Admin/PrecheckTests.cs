using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Precheck;
using CivilizationNews.Core.Scheduling;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Web.Tests.Areas.Admin;

/// <summary>
/// 发布前检查 and 敏感词 through the real host: errors refuse a move (also at the scheduler's time), warnings
/// acknowledged with the move are recorded, the word list is the administrator's alone.
/// </summary>
public sealed class PrecheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Task<int> SectionAsync(PortalFactory factory) =>
        factory.QueryAsync(db => db.Sections.Where(s => s.Slug == "wenming").Select(s => s.Id).SingleAsync(Ct));

    private static async Task<int> DraftAsync(HttpClient author, int sectionId, string title, string body, string? summary = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Title"] = title, ["Dateline"] = "本报讯", ["Body"] = body, ["SectionId"] = Inv(sectionId), ["PageOrder"] = "1",
        };
        if (summary is not null)
        {
            fields["Summary"] = summary;
        }
        var created = await AdminClient.PostFormAsync(author, "/admin/articles/create", "/admin/articles/create", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return int.Parse(created.Headers.Location!.OriginalString.Split('/')[3], CultureInfo.InvariantCulture);
    }

    private static async Task<HttpResponseMessage> MoveAsync(HttpClient user, int id, string to, string? acknowledge = null)
    {
        var fields = new Dictionary<string, string> { ["to"] = to };
        if (acknowledge is not null)
        {
            fields["acknowledge"] = acknowledge;
        }
        return await AdminClient.PostFormAsync(user, $"/admin/articles/{id}/edit", $"/admin/articles/{id}/transition", fields);
    }

    private static Task<ArticleStatus> StatusAsync(PortalFactory factory, int id) =>
        factory.QueryAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync(Ct));

    private static async Task<IHtmlDocument> PageAsync(HttpClient client, string url) =>
        new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(url, UriKind.Relative), Ct));

    private static async Task AddWordAsync(HttpClient admin, string word, SensitiveWordLevel level, string? note = null)
    {
        var added = await AdminClient.PostFormAsync(admin, "/admin/sensitive-words", "/admin/sensitive-words",
            new() { ["Word"] = word, ["Level"] = level.ToString(), ["Note"] = note ?? "" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
    }

    [Fact]
    public async Task An_error_level_sensitive_word_refuses_the_move_and_the_editor_page_shows_it_highlighted_in_context()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var sectionId = await SectionAsync(factory);
        var admin = await AdminClient.SignInAsync(factory, NewsRoles.Admin, "管理员");
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter, "刘思远");
        await AddWordAsync(admin, "某某内部消息", SensitiveWordLevel.Error, "未经核实的来源，不得见报");
        // A Latin word is matched as a whole word only: "AI" must not be found inside "PAID".
        await AddWordAsync(admin, "AI", SensitiveWordLevel.Error);

        var id = await DraftAsync(reporter, sectionId, "社区志愿服务获好评", "据某某内部消息，社区将增设服务点。PAID 停车位不变。", "社区服务点将增设。");
        var refused = await MoveAsync(reporter, id, "submitted");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(ArticleStatus.Draft, await StatusAsync(factory, id));
        Assert.Equal(0, await factory.QueryAsync(db => db.ArticleTransitions.CountAsync(t => t.ArticleId == id, Ct)));

        // The editor page says why, in Chinese, and shows the match marked in its context.
        var page = await PageAsync(reporter, $"/admin/articles/{id}/edit");
        var flash = page.QuerySelector(".flash-error")!.TextContent;
        Assert.Contains("发布前检查未通过", flash, StringComparison.Ordinal);
        Assert.Contains("某某内部消息", flash, StringComparison.Ordinal);
        var items = page.QuerySelectorAll("#precheck-box .precheck-item.precheck-error");
        var item = Assert.Single(items);
        Assert.Equal("某某内部消息", item.QuerySelector("mark")!.TextContent);
        Assert.Contains("据", item.QuerySelector(".precheck-context")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("未经核实的来源", item.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#precheck-blocked"));

        // Taking the word out lets the story through.
        var form = new Dictionary<string, string>
        {
            ["Title"] = "社区志愿服务获好评", ["Dateline"] = "本报讯", ["Body"] = "社区将增设服务点。", ["Summary"] = "社区服务点将增设。",
            ["SectionId"] = Inv(sectionId), ["PageOrder"] = "1",
            ["Version"] = page.QuerySelector("#editor input[name=Version]")!.GetAttribute("value")!,
        };
        Assert.Equal(HttpStatusCode.Redirect, (await AdminClient.PostFormAsync(reporter, $"/admin/articles/{id}/edit", $"/admin/articles/{id}/edit", form)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(reporter, id, "submitted")).StatusCode);
        Assert.Equal(ArticleStatus.Submitted, await StatusAsync(factory, id));
    }

    [Fact]
    public async Task The_scheduler_does_not_publish_a_story_that_fails_the_check_at_its_time_and_the_dashboard_lists_it()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var sectionId = await SectionAsync(factory);
        var admin = await AdminClient.SignInAsync(factory, NewsRoles.Admin, "管理员");
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");
        var id = await DraftAsync(editor, sectionId, "城市书房夜间开放", "城市书房夜间开放至22时，市民称赞。", "夜间开放至22时。");
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(editor, id, "submitted")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(editor, id, "approved")).StatusCode);
        var at = CivilizationNews.Core.Time.ChinaTime.ToChina(DateTime.UtcNow.AddMinutes(5));
        var scheduled = await AdminClient.PostFormAsync(editor, $"/admin/articles/{id}/edit", $"/admin/articles/{id}/transition",
            new() { ["to"] = "scheduled", ["scheduleAt"] = at.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        Assert.Equal(ArticleStatus.Scheduled, await StatusAsync(factory, id));

        // After it was scheduled, the administrator lists a word it contains; then its time comes.
        await AddWordAsync(admin, "称赞", SensitiveWordLevel.Error);
        await factory.QueryAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ScheduledAt, DateTime.UtcNow.AddSeconds(-1)), Ct));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.DoesNotContain(id, await scope.ServiceProvider.GetRequiredService<ScheduledPublisher>().PublishDueAsync(Ct));
        }

        var story = await factory.QueryAsync(db => db.Articles.Where(a => a.Id == id).Select(a => new { a.Status, a.ScheduledAt, a.PublishedAt }).SingleAsync(Ct));
        Assert.Equal(ArticleStatus.Approved, story.Status);
        Assert.Null(story.ScheduledAt);
        Assert.Null(story.PublishedAt);
        var last = await factory.QueryAsync(db => db.ArticleTransitions.Where(t => t.ArticleId == id).OrderByDescending(t => t.Id)
            .Select(t => new { t.UserName, t.From, t.To, t.Reason }).FirstAsync(Ct));
        Assert.Equal(("系统", ArticleStatus.Scheduled, ArticleStatus.Approved), (last.UserName, last.From, last.To));
        Assert.StartsWith(ScheduledPublisher.HeldReasonPrefix, last.Reason, StringComparison.Ordinal);
        Assert.Contains("称赞", last.Reason, StringComparison.Ordinal);
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "article.schedule-held" && e.EntityId == Inv(id), Ct)));

        var dashboard = await PageAsync(editor, "/admin");
        var held = dashboard.QuerySelector("[aria-labelledby=held-title]")!;
        Assert.Contains("城市书房夜间开放", held.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/admin/articles/{id}/edit", held.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Warnings_acknowledged_with_the_move_are_recorded_on_the_transition_and_in_the_audit_log()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var sectionId = await SectionAsync(factory);
        var admin = await AdminClient.SignInAsync(factory, NewsRoles.Admin, "管理员");
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");
        await AddWordAsync(admin, "据悉", SensitiveWordLevel.Warning, "请写明消息来源");
        var title = new string('长', PublishCheck.CardHeadlineMaxLength + 2);
        var id = await DraftAsync(editor, sectionId, title, "据悉，全市新增文明实践站12个。");
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(editor, id, "submitted")).StatusCode);

        // Three warnings (no summary, a long headline, a 提醒 word); no errors, so the buttons are open.
        var page = await PageAsync(editor, $"/admin/articles/{id}/edit");
        var warnings = page.QuerySelectorAll("#precheck-box .precheck-warning").Select(w => w.TextContent).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.Contains(warnings, w => w.Contains("摘要为空", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains($"首页卡片在手机上只能完整显示 {PublishCheck.CardHeadlineMaxLength} 字", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.Contains("据悉", StringComparison.Ordinal) && w.Contains("请写明消息来源", StringComparison.Ordinal));
        Assert.Equal(["长长", "据悉"], page.QuerySelectorAll("#precheck-box .precheck-warning mark").Select(m => m.TextContent));
        Assert.Null(page.QuerySelector("#precheck-blocked"));
        var approveForm = page.QuerySelectorAll("form.transition").Single(f => f.QuerySelector("input[name=to]")!.GetAttribute("value") == "approved");
        var key = approveForm.QuerySelector("input[type=checkbox][name=acknowledge]")!.GetAttribute("value")!;

        // An acknowledgement of other warnings (the story changed since the page was read) is refused.
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(editor, id, "approved", "0123456789abcdef")).StatusCode);
        Assert.Equal(ArticleStatus.Submitted, await StatusAsync(factory, id));

        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(editor, id, "approved", key)).StatusCode);
        Assert.Equal(ArticleStatus.Approved, await StatusAsync(factory, id));
        var transition = await factory.QueryAsync(db => db.ArticleTransitions.Where(t => t.ArticleId == id && t.To == ArticleStatus.Approved)
            .Select(t => new { t.UserName, t.AcknowledgedWarnings }).SingleAsync(Ct));
        Assert.Equal("赵静怡", transition.UserName);
        var acknowledged = transition.AcknowledgedWarnings!.Split('\n');
        Assert.Equal(3, acknowledged.Length);
        Assert.Contains(acknowledged, l => l.Contains("摘要为空", StringComparison.Ordinal));
        Assert.Contains(acknowledged, l => l.Contains("【据悉】", StringComparison.Ordinal));
        var audit = await factory.QueryAsync(db => db.AuditEntries.Where(e => e.Action == "article.approved" && e.EntityId == Inv(id))
            .Select(e => e.Details).SingleAsync(Ct));
        Assert.Contains("已确认发布前检查提醒 3 项", audit, StringComparison.Ordinal);

        // Without an acknowledgement warnings do not block, and nothing is recorded as acknowledged.
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(editor, id, "published")).StatusCode);
        Assert.Equal(ArticleStatus.Published, await StatusAsync(factory, id));
        Assert.Null(await factory.QueryAsync(db => db.ArticleTransitions.Where(t => t.ArticleId == id && t.To == ArticleStatus.Published)
            .Select(t => t.AcknowledgedWarnings).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_link_to_an_internal_draft_is_an_error_and_the_unsaved_form_can_be_checked_before_saving()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var sectionId = await SectionAsync(factory);
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");
        var draft = await DraftAsync(editor, sectionId, "尚未发布的稿件", "草稿正文。", "摘要。");
        var id = await DraftAsync(editor, sectionId, "链接到草稿", $"详见[相关报道](/article/{draft})。", "摘要。");

        var page = await PageAsync(editor, $"/admin/articles/{id}/edit");
        var error = page.QuerySelector("#precheck-box .precheck-error")!;
        Assert.Contains("《尚未发布的稿件》尚未发布（草稿）", error.TextContent, StringComparison.Ordinal);
        Assert.Equal(Inv(draft), error.QuerySelector("mark")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await MoveAsync(editor, id, "submitted")).StatusCode);
        Assert.Equal(ArticleStatus.Draft, await StatusAsync(factory, id));

        // The panel's "检查当前输入" posts the form as it is: here the link is gone and no image has alt text.
        var check = await AdminClient.PostFormAsync(editor, $"/admin/articles/{id}/edit", "/admin/articles/precheck", new()
        {
            ["articleId"] = Inv(id), ["Title"] = "链接到草稿", ["Body"] = "没有链接了。![](/media/1/w480.jpg)", ["Summary"] = "摘要。", ["SectionId"] = Inv(sectionId),
        });
        Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        var panel = new HtmlParser().ParseDocument(await check.Content.ReadAsStringAsync(Ct));
        Assert.Contains("当前输入（未保存）", panel.QuerySelector(".precheck-summary")!.TextContent, StringComparison.Ordinal);
        var finding = Assert.Single(panel.QuerySelectorAll(".precheck-item"));
        Assert.Contains("正文中的图片缺少替代文字", finding.TextContent, StringComparison.Ordinal);
        Assert.Equal("Body", finding.QuerySelector(".precheck-locate")!.GetAttribute("data-field"));
    }

    [Fact]
    public async Task Sensitive_words_are_managed_by_an_administrator_audited_and_refused_to_a_reporter()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var admin = await AdminClient.SignInAsync(factory, NewsRoles.Admin, "管理员");
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter, "刘思远");

        await AddWordAsync(admin, "特大喜讯", SensitiveWordLevel.Warning, "避免夸大");
        var list = await PageAsync(admin, "/admin/sensitive-words");
        var row = list.QuerySelectorAll("table tbody tr").Single(r => r.QuerySelector("td")!.TextContent == "特大喜讯");
        Assert.Equal("提醒", row.QuerySelector(".precheck-level")!.TextContent);
        Assert.Contains("避免夸大", row.TextContent, StringComparison.Ordinal);

        // A word already listed (in any case) is refused in Chinese, and the form keeps what was typed.
        var again = await AdminClient.PostFormAsync(admin, "/admin/sensitive-words", "/admin/sensitive-words",
            new() { ["Word"] = "特大喜讯", ["Level"] = "Error", ["Note"] = "第二次" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var refusedPage = new HtmlParser().ParseDocument(await again.Content.ReadAsStringAsync(Ct));
        Assert.Contains("“特大喜讯”已在敏感词表中", refusedPage.QuerySelector(".form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("第二次", refusedPage.QuerySelector("#Note")!.GetAttribute("value"));

        // A reporter may neither see nor change the list, even with a valid form token.
        using (var get = await reporter.GetAsync(new Uri("/admin/sensitive-words", UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, get.StatusCode);
        }
        var id = await factory.QueryAsync(db => db.SensitiveWords.Where(w => w.Word == "特大喜讯").Select(w => w.Id).SingleAsync(Ct));
        Assert.Equal(HttpStatusCode.Forbidden, (await AdminClient.PostFormAsync(reporter, "/admin", "/admin/sensitive-words",
            new() { ["Word"] = "记者加的词", ["Level"] = "Error" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await AdminClient.PostFormAsync(reporter, "/admin", $"/admin/sensitive-words/{id}/delete", new())).StatusCode);
        // Without a form token even the administrator's post is refused before it runs.
        using (var noToken = await admin.PostAsync(new Uri($"/admin/sensitive-words/{id}/delete", UriKind.Relative), new FormUrlEncodedContent([]), Ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        }
        Assert.Equal(["特大喜讯"], await factory.QueryAsync(db => db.SensitiveWords.Select(w => w.Word).ToListAsync(Ct)));

        Assert.Equal(HttpStatusCode.Redirect, (await AdminClient.PostFormAsync(admin, "/admin/sensitive-words", $"/admin/sensitive-words/{id}/delete", new())).StatusCode);
        Assert.Empty(await factory.QueryAsync(db => db.SensitiveWords.ToListAsync(Ct)));
        var audit = await factory.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == "SensitiveWord").OrderBy(e => e.Id)
            .Select(e => new { e.Action, e.UserName, e.Details }).ToListAsync(Ct));
        Assert.Equal(["sensitive-word.add", "sensitive-word.delete"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal("管理员", a.UserName));
        Assert.Contains("特大喜讯（提醒）", audit[0].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bylines_take_any_number_of_rows_and_a_new_name_becomes_a_contributor_in_the_same_save()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var sectionId = await SectionAsync(factory);
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");
        var known = await factory.QueryAsync(db => db.Contributors.OrderBy(c => c.Id).Select(c => new { c.Id, c.Name }).Take(3).ToListAsync(Ct));
        var contributors = await factory.QueryAsync(db => db.Contributors.CountAsync(Ct));

        List<KeyValuePair<string, string>> Story(params (string Role, string Id, string Name)[] rows)
        {
            var fields = new List<KeyValuePair<string, string>>
            {
                new("Title", "五位署名的稿件"), new("Dateline", "本报讯"), new("Body", "正文。"), new("SectionId", Inv(sectionId)), new("PageOrder", "1"),
            };
            foreach (var (role, id, name) in rows)
            {
                fields.Add(new("CreditRoles", role));
                fields.Add(new("CreditContributorIds", id));
                fields.Add(new("CreditNames", name));
            }
            return fields;
        }

        // A bad row (a name over 50 characters) refuses the save in Chinese, keeps every row as typed and creates nobody.
        var tooLong = new string('名', 51);
        var refused = await AdminClient.PostPairsAsync(editor, "/admin/articles/create", "/admin/articles/create", Story(
            ("Reporter", Inv(known[0].Id), known[0].Name), ("Correspondent", "", "新来的通讯员"), ("PhotoJournalist", "", tooLong)));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var form = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync(Ct));
        Assert.Contains("第 3 行署名：姓名不能超过 50 字", form.QuerySelector("#credits-errors")!.TextContent, StringComparison.Ordinal);
        var names = form.QuerySelectorAll("#credit-rows .credit-name").Select(i => i.GetAttribute("value") ?? "").ToList();
        Assert.Equal([known[0].Name, "新来的通讯员", tooLong], names.Take(3));
        Assert.Equal("Correspondent", form.QuerySelectorAll("#credit-rows .credit-role")[1].QuerySelector("option[selected]")!.GetAttribute("value"));
        Assert.True(names.Count >= 5, "two empty rows follow the typed ones");
        Assert.Equal(contributors, await factory.QueryAsync(db => db.Contributors.CountAsync(Ct)));

        // Five rows: chosen from the list, typed as an existing name, a new name, the same new name again, an empty row.
        var saved = await AdminClient.PostPairsAsync(editor, "/admin/articles/create", "/admin/articles/create", Story(
            ("Reporter", Inv(known[0].Id), known[0].Name), ("Reporter", "", known[1].Name), ("Correspondent", "", "新来的通讯员"),
            ("PhotoJournalist", Inv(known[2].Id), known[2].Name), ("Reporter", "", ""), ("Editor", "", "新来的通讯员")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = int.Parse(saved.Headers.Location!.OriginalString.Split('/')[3], CultureInfo.InvariantCulture);
        var credits = await factory.QueryAsync(db => db.ArticleCredits.Where(c => c.ArticleId == id).OrderBy(c => c.SortOrder)
            .Select(c => new { c.Contributor!.Name, c.Role }).ToListAsync(Ct));
        Assert.Equal([known[0].Name, known[1].Name, "新来的通讯员", known[2].Name, "新来的通讯员"], credits.Select(c => c.Name));
        Assert.Equal(CivilizationNews.Core.Contributors.CreditRole.Editor, credits[4].Role);
        var made = await factory.QueryAsync(db => db.Contributors.Where(c => c.Name == "新来的通讯员").Select(c => new { c.Id, c.UsualRole }).SingleAsync(Ct));
        Assert.Equal(CivilizationNews.Core.Contributors.CreditRole.Correspondent, made.UsualRole);
        Assert.Equal(contributors + 1, await factory.QueryAsync(db => db.Contributors.CountAsync(Ct)));
        var audit = await factory.QueryAsync(db => db.AuditEntries.Where(e => e.Action == "contributor.create" && e.EntityId == Inv(made.Id))
            .Select(e => e.UserName).SingleAsync(Ct));
        Assert.Equal("赵静怡", audit);
        var editPage = await PageAsync(editor, $"/admin/articles/{id}/edit");
        Assert.Contains("已在作者库中新建作者：新来的通讯员", editPage.QuerySelector(".flash-ok")?.TextContent ?? editPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Inv(made.Id), editPage.QuerySelectorAll("#credit-rows .credit-id")[2].GetAttribute("value"));

        // The lookup finds the new contributor by part of the name, as JSON, for any newsroom member.
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter, "刘思远");
        using var lookup = await reporter.GetAsync(new Uri("/admin/articles/contributors?q=" + Uri.EscapeDataString("来的通讯"), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        using var json = JsonDocument.Parse(await lookup.Content.ReadAsStringAsync(Ct));
        var first = json.RootElement.EnumerateArray().Single();
        Assert.Equal(made.Id, first.GetProperty("id").GetInt32());
        Assert.Equal("新来的通讯员", first.GetProperty("name").GetString());
        Assert.Equal("通讯员", first.GetProperty("roleLabel").GetString());
        using var anonymous = await AdminClient.Anonymous(factory).GetAsync(new Uri("/admin/articles/contributors?q=a", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_name_two_contributors_share_must_be_chosen_and_its_label_names_one_of_them()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var sectionId = await SectionAsync(factory);
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");
        var ids = await factory.QueryAsync(async db =>
        {
            var a = new CivilizationNews.Core.Contributors.Contributor { Slug = "wang-fang-a", Name = "王芳", Organisation = "市中心医院" };
            var b = new CivilizationNews.Core.Contributors.Contributor { Slug = "wang-fang-b", Name = "王芳", Organisation = "市实验小学" };
            db.Contributors.AddRange(a, b);
            await db.SaveChangesAsync(Ct);
            return (A: a.Id, B: b.Id);
        });
        List<KeyValuePair<string, string>> Story(string name) =>
        [
            new("Title", "同名作者"), new("Dateline", "本报讯"), new("Body", "正文。"), new("SectionId", Inv(sectionId)), new("PageOrder", "1"),
            new("CreditRoles", "Correspondent"), new("CreditContributorIds", ""), new("CreditNames", name),
        ];

        var refused = await AdminClient.PostPairsAsync(editor, "/admin/articles/create", "/admin/articles/create", Story("王芳"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var form = new HtmlParser().ParseDocument(await refused.Content.ReadAsStringAsync(Ct));
        Assert.Contains("第 1 行署名：作者库中有 2 位“王芳”，请从候选列表中选择其中一位", form.QuerySelector("#credits-errors")!.TextContent, StringComparison.Ordinal);
        // Without JavaScript the datalist offers the shared name with its organisation.
        Assert.Contains("王芳（市实验小学）", form.QuerySelectorAll("#contributor-names option").Select(o => o.GetAttribute("value")));

        var saved = await AdminClient.PostPairsAsync(editor, "/admin/articles/create", "/admin/articles/create", Story("王芳（市实验小学）"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var id = int.Parse(saved.Headers.Location!.OriginalString.Split('/')[3], CultureInfo.InvariantCulture);
        Assert.Equal([ids.B], await factory.QueryAsync(db => db.ArticleCredits.Where(c => c.ArticleId == id).Select(c => c.ContributorId).ToListAsync(Ct)));
    }
}
