using System.Net;
using System.Text.RegularExpressions;
using CivilizationNews.Core.Articles;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Tests.Infrastructure.SharedState;

/// <summary>
/// Two app processes on one database with one real Redis (docs/deployment.md, several instances):
/// what one node does, the other shows at once; sessions, tokens, schedules and limits are shared;
/// a Redis outage or a killed node costs neither a page nor half a story.
/// </summary>
public sealed partial class TwoNodeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, bool Hit, string Body)> ReadAsync(AppProcess node, string path)
    {
        using var reader = new ProxiedSession(node.BaseAddress);
        using var response = await reader.SendAsync(HttpMethod.Get, path);
        return (response.StatusCode, response.Headers.Age is not null, await response.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<int> CreateStoryAsync(ProxiedSession editor, string title, int unitId)
    {
        using var created = await editor.PostFormAsync("/admin/articles/create", "/admin/articles/create", new()
        {
            ["Title"] = title, ["Kicker"] = "双节点", ["Dateline"] = "本报讯", ["Body"] = "两台服务器共用一个数据库和一个缓存。",
            ["SectionId"] = "1", ["PageOrder"] = "1", ["PrimaryUnitId"] = unitId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return int.Parse(created.Headers.Location!.OriginalString.Split('/')[3], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task MoveAsync(ProxiedSession editor, int id, params string[] steps)
    {
        foreach (var step in steps)
        {
            using var moved = await editor.PostFormAsync($"/admin/articles/{id}/edit", $"/admin/articles/{id}/transition", new() { ["to"] = step });
            Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        }
    }

    /// <summary>Changes a story's title through the editor form, every other field posted back as the page has it.</summary>
    private static async Task EditTitleAsync(ProxiedSession editor, int id, string title)
    {
        using var page = await editor.SendAsync(HttpMethod.Get, $"/admin/articles/{id}/edit");
        var form = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync(Ct)).QuerySelector("form#editor")!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.QuerySelectorAll("input[name], textarea[name], select[name]"))
        {
            var name = element.GetAttribute("name")!;
            switch (element)
            {
                case AngleSharp.Html.Dom.IHtmlInputElement { Type: "checkbox" or "radio", IsChecked: false }:
                case AngleSharp.Html.Dom.IHtmlInputElement { Type: "submit" or "button" or "file" }:
                    break;
                case AngleSharp.Html.Dom.IHtmlSelectElement select:
                    fields.AddRange(select.SelectedOptions.Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
                case AngleSharp.Html.Dom.IHtmlTextAreaElement area:
                    fields.Add(new(name, area.Value));
                    break;
                default:
                    fields.Add(new(name, name == "Title" ? title : element.GetAttribute("value") ?? ""));
                    break;
            }
        }
        using var content = new FormUrlEncodedContent(fields);
        using var saved = await editor.SendAsync(HttpMethod.Post, form.GetAttribute("action")!, content);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    [Fact]
    public async Task A_story_published_on_one_node_is_on_the_other_nodes_pages_at_once()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var unit = await nodes.QueryAsync(db => db.Units.OrderBy(u => u.Id).Select(u => new { u.Id, u.Slug }).FirstAsync(Ct));
        var section = await nodes.QueryAsync(db => db.Sections.Where(s => s.Id == 1).Select(s => s.Slug).SingleAsync(Ct));
        using var editor = await TwoNodes.SignInAsync(nodes.A);
        const string title = "两台服务器同时上线新稿";
        var id = await CreateStoryAsync(editor, title, unit.Id);
        await MoveAsync(editor, id, "submitted", "approved");

        // B has these pages cached (each second read is a hit from Redis).
        string[] pages = ["/", $"/section/{section}", $"/unit/{unit.Slug}"];
        foreach (var page in pages)
        {
            await ReadAsync(nodes.B, page);
            Assert.True((await ReadAsync(nodes.B, page)).Hit, $"{page} was not cached on B");
        }

        await MoveAsync(editor, id, "published");

        // The publish returned after its eviction: B's next read is a fresh render (entries live 10
        // minutes, so a miss now means evicted, not expired) that shows the story.
        foreach (var page in pages.Append($"/article/{id}"))
        {
            var (status, hit, body) = await ReadAsync(nodes.B, page);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.False(hit, $"B served {page} from the cache after the publish on A");
            Assert.Contains(title, body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_sign_in_and_a_form_token_from_one_node_work_on_the_other()
    {
        await using var nodes = await TwoNodes.StartAsync();
        using var onA = await TwoNodes.SignInAsync(nodes.A);
        var token = await onA.TokenAsync("/admin/articles/create");

        using var onB = new ProxiedSession(nodes.B.BaseAddress);
        onB.UseCookies(onA.Cookies);
        using (var dashboard = await onB.SendAsync(HttpMethod.Get, "/admin"))
        {
            Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        }
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Title"] = "A 节点的表单在 B 节点提交", ["Dateline"] = "本报讯", ["Body"] = "正文。", ["SectionId"] = "1", ["PageOrder"] = "1",
            ["__RequestVerificationToken"] = token,
        });
        using var created = await onB.SendAsync(HttpMethod.Post, "/admin/articles/create", content);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Matches(@"^/admin/articles/\d+/edit", created.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Scheduled_stories_are_published_exactly_once_while_both_schedulers_run()
    {
        await using var nodes = await TwoNodes.StartAsync();
        using var editor = await TwoNodes.SignInAsync(nodes.A);
        var unit = await nodes.QueryAsync(db => db.Units.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(Ct));
        var ids = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            var id = await CreateStoryAsync(editor, $"定时发布稿件 {i + 1}", unit);
            await MoveAsync(editor, id, "submitted", "approved");
            ids.Add(id);
        }
        // Due now, as if the time set in the newsroom has just come: both schedulers (every second) race for them.
        await nodes.QueryAsync(db => db.Articles.Where(a => ids.Contains(a.Id)).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.Status, ArticleStatus.Scheduled).SetProperty(a => a.ScheduledAt, DateTime.UtcNow.AddSeconds(-1)), Ct));

        // Wait as an editor would, watching the list, until every story is out (a bound only on a hang).
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (await nodes.QueryAsync(db => db.Articles.CountAsync(a => ids.Contains(a.Id) && a.Status == ArticleStatus.Published, Ct)) < ids.Count)
        {
            Assert.True(DateTime.UtcNow < deadline, "the scheduled stories were not all published");
            await Task.Delay(200, Ct);
        }

        var transitions = await nodes.QueryAsync(db => db.ArticleTransitions
            .Where(t => ids.Contains(t.ArticleId) && t.To == ArticleStatus.Published).GroupBy(t => t.ArticleId)
            .Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(Ct));
        Assert.Equal(ids.Order(), transitions.Select(t => t.Id).Order());
        Assert.All(transitions, t => Assert.Equal(1, t.Count));
        var audits = await nodes.QueryAsync(db => db.AuditEntries.CountAsync(e => e.Action == "article.published-on-schedule", Ct));
        Assert.Equal(ids.Count, audits);
        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.OK, (await ReadAsync(nodes.B, $"/article/{id}")).Status);
        }
    }

    [Fact]
    public async Task Sign_in_attempts_are_limited_across_both_nodes_together()
    {
        await using var nodes = await TwoNodes.StartAsync();
        // The limit counts per minute of the clock: start at the beginning of a minute, so that all the
        // attempts below fall in one window (they take a few seconds).
        if (60 - DateTime.UtcNow.Second < 30)
        {
            var next = DateTime.UtcNow.AddMinutes(1);
            await Task.Delay(new DateTime(next.Year, next.Month, next.Day, next.Hour, next.Minute, 0, DateTimeKind.Utc) - DateTime.UtcNow, Ct);
        }
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++)
        {
            using var session = new ProxiedSession((i % 2 == 0 ? nodes.A : nodes.B).BaseAddress);
            using var attempt = await session.PostFormAsync("/admin/account/login", "/admin/account/login",
                new() { ["Email"] = "nobody@example.cn", ["Password"] = "not-the-password-" + i });
            statuses.Add(attempt.StatusCode);
        }

        // Ten in all from this address (the default RateLimits:SignInPerMinute), not ten per node.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 10), statuses.Take(10));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(10));
    }

    [Fact]
    public async Task With_Redis_stopped_both_nodes_serve_and_save_and_nothing_stale_is_served_after_it_returns()
    {
        await using var nodes = await TwoNodes.StartAsync();
        var story = await nodes.QueryAsync(db => db.Articles.Where(a => a.Status == ArticleStatus.Published)
            .OrderByDescending(a => a.PublishedAt).Select(a => new { a.Id, a.Title }).FirstAsync(Ct));
        var page = $"/article/{story.Id}";
        await ReadAsync(nodes.B, page);
        Assert.True((await ReadAsync(nodes.B, page)).Hit);

        await nodes.Redis.KillAsync();

        // Both nodes keep serving, uncached, and an edit goes through while the cache is gone.
        foreach (var node in new[] { nodes.A, nodes.B })
        {
            foreach (var path in new[] { "/", page, "/units", "/epaper" })
            {
                var (status, hit, _) = await ReadAsync(node, path);
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.False(hit);
            }
        }
        using var editor = await TwoNodes.SignInAsync(nodes.A);
        const string corrected = "（更正）两台服务器在缓存停机时照常改稿";
        await EditTitleAsync(editor, story.Id, corrected);
        Assert.Contains(corrected, (await ReadAsync(nodes.B, page)).Body, StringComparison.Ordinal);

        // Redis returns with what it held before (its append-only file): the page cached then must never come back.
        await nodes.Redis.StartAgainAsync();
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var (status, hit, body) = await ReadAsync(nodes.B, page);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains(corrected, body, StringComparison.Ordinal);
            if (hit)
            {
                break; // B is caching through Redis again.
            }
            Assert.True(DateTime.UtcNow < deadline, "B never used Redis again after it returned");
            await Task.Delay(200, Ct);
        }
        var (_, _, fromA) = await ReadAsync(nodes.A, page);
        Assert.Contains(corrected, fromA, StringComparison.Ordinal);

        // Each node said once that Redis was gone, and nothing else went wrong.
        foreach (var node in new[] { nodes.A, nodes.B })
        {
            Assert.Single(node.Output.Split('\n'), l => l.Contains("Redis is unreachable", StringComparison.Ordinal));
            Assert.DoesNotContain(node.Output.Split('\n'), l => l.Contains(" ERR]", StringComparison.Ordinal) || ServerError().IsMatch(l));
        }
    }

    [Fact]
    public async Task A_node_killed_during_a_publish_leaves_the_other_serving_and_no_story_half_published()
    {
        await using var nodes = await TwoNodes.StartAsync();
        using var editor = await TwoNodes.SignInAsync(nodes.A);
        var unit = await nodes.QueryAsync(db => db.Units.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(Ct));
        var id = await CreateStoryAsync(editor, "发布途中服务器断电", unit);
        await MoveAsync(editor, id, "submitted", "approved");
        var token = await editor.TokenAsync($"/admin/articles/{id}/edit");

        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["to"] = "published", ["__RequestVerificationToken"] = token });
        var publishing = editor.SendAsync(HttpMethod.Post, $"/admin/articles/{id}/transition", content);
        await nodes.A.KillAsync();
        try
        {
            (await publishing).Dispose();
        }
        catch (HttpRequestException)
        {
            // The node died under the request, as intended.
        }

        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(nodes.B, "/")).Status);
        var state = await nodes.QueryAsync(async db => new
        {
            Status = await db.Articles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync(Ct),
            Transitions = await db.ArticleTransitions.CountAsync(t => t.ArticleId == id && t.To == ArticleStatus.Published, Ct),
            Indexed = await db.SearchDocuments.CountAsync(d => d.ArticleId == id, Ct),
        });
        // All of the publish or none of it: the story, its transition and its search document commit together.
        if (state.Status == ArticleStatus.Published)
        {
            Assert.Equal((1, 1), (state.Transitions, state.Indexed));
            Assert.Equal(HttpStatusCode.OK, (await ReadAsync(nodes.B, $"/article/{id}")).Status);
        }
        else
        {
            Assert.Equal((ArticleStatus.Approved, 0, 0), (state.Status, state.Transitions, state.Indexed));
            Assert.Equal(HttpStatusCode.NotFound, (await ReadAsync(nodes.B, $"/article/{id}")).Status);
        }
    }

    [GeneratedRegex(@"responded 5\d\d")]
    private static partial Regex ServerError();
}
