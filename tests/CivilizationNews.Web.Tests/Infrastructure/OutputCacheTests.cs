using System.Net;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Scheduling;
using CivilizationNews.Web.Tests.Support;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Web.Tests.Infrastructure;

/// <summary>
/// Public pages come from the output cache, and a committed change evicts exactly the pages that
/// show it: the next reader after a publish, edit or unpublish sees the new version.
/// A cache hit is recognisable by the Age header the cache adds to stored responses.
/// </summary>
public sealed class OutputCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(bool Hit, string Body)> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.Age is not null, await response.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task Pages_are_evicted_when_the_transaction_commits_and_not_when_it_rolls_back()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var id = await factory.QueryAsync(db => db.Articles.Where(a => a.Status == ArticleStatus.Published).Select(a => a.Id).FirstAsync(Ct));
        var store = factory.Services.GetRequiredService<IOutputCacheStore>();
        await store.SetAsync("probe", [1], [ContentTags.Article(id)], TimeSpan.FromMinutes(5), Ct);

        async Task CorrectTitleAsync(bool commit)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var article = await db.Articles.AsTracking().SingleAsync(a => a.Id == id, Ct);
            article.Title += "（更正）";
            await db.SaveChangesAsync(Ct);
            // Saved but not committed: a reader could still be given the old page, so it stays cached.
            Assert.NotNull(await store.GetAsync("probe", Ct));
            if (commit)
            {
                await transaction.CommitAsync(Ct);
            }
            else
            {
                await transaction.RollbackAsync(Ct);
            }
        }

        await CorrectTitleAsync(commit: false);
        Assert.NotNull(await store.GetAsync("probe", Ct));
        await CorrectTitleAsync(commit: true);
        Assert.Null(await store.GetAsync("probe", Ct));
    }

    [Fact]
    public async Task Publish_edit_and_unpublish_are_seen_by_the_next_reader_while_draft_saves_leave_the_cache_alone()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var section = await factory.QueryAsync(db => db.Sections.Where(s => s.Slug == "wenming").Select(s => new { s.Id, s.Slug }).SingleAsync());
        var reader = AdminClient.Anonymous(factory);
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");

        // Warm: the second request of each page is a hit.
        string[] pages = ["/", $"/section/{section.Slug}", "/feed/rss", "/sitemaps/news.xml"];
        foreach (var page in pages)
        {
            await GetAsync(reader, page);
            Assert.True((await GetAsync(reader, page)).Hit, $"{page} was not served from the cache");
        }

        // A draft (and its autosaves) is invisible to readers: nothing is evicted.
        var id = await AdminClient.CreateStoryAsync(editor, section.Id, "城市书房夜读季开幕");
        foreach (var page in pages)
        {
            Assert.True((await GetAsync(reader, page)).Hit, $"a draft evicted {page}");
        }

        // Publish: every page that lists it shows it at once.
        await AdminClient.TransitionAsync(editor, id, "submitted");
        await AdminClient.TransitionAsync(editor, id, "approved");
        Assert.Equal(HttpStatusCode.Redirect, (await AdminClient.TransitionAsync(editor, id, "published")).StatusCode);
        Assert.Equal(ArticleStatus.Published, await factory.QueryAsync(db => db.Articles.Where(a => a.Id == id).Select(a => a.Status).SingleAsync(Ct)));
        foreach (var page in pages)
        {
            var (hit, body) = await GetAsync(reader, page);
            Assert.False(hit, $"{page} was served stale after the publish");
            Assert.Contains("城市书房夜读季开幕", body, StringComparison.Ordinal);
        }
        var article = $"/article/{id}";
        await GetAsync(reader, article);
        Assert.True((await GetAsync(reader, article)).Hit);

        // Edit the published story's headline: its page and the lists change with it.
        await factory.QueryAsync(async db =>
        {
            var tracked = await db.Articles.AsTracking().SingleAsync(a => a.Id == id, Ct);
            tracked.Title = "城市书房夜读季启幕";
            return await db.SaveChangesAsync(Ct);
        });
        Assert.Contains("城市书房夜读季启幕", (await GetAsync(reader, article)).Body, StringComparison.Ordinal);
        Assert.Contains("城市书房夜读季启幕", (await GetAsync(reader, $"/section/{section.Slug}")).Body, StringComparison.Ordinal);

        // Withdraw it: gone from the lists and its page at once.
        Assert.Equal(HttpStatusCode.Redirect, (await AdminClient.TransitionAsync(editor, id, "withdrawn", new() { ["reason"] = "信息需要核实" })).StatusCode);
        using (var gone = await reader.GetAsync(new Uri(article, UriKind.Relative), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }
        Assert.DoesNotContain("城市书房夜读季启幕", (await GetAsync(reader, "/")).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scheduled_story_published_by_the_background_check_evicts_the_home_page()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var sectionId = await factory.QueryAsync(db => db.Sections.Where(s => s.Slug == "wenming").Select(s => s.Id).SingleAsync());
        var reader = AdminClient.Anonymous(factory);
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "赵静怡");
        var id = await AdminClient.CreateStoryAsync(editor, sectionId, "社区食堂开到家门口");
        await AdminClient.TransitionAsync(editor, id, "submitted");
        await AdminClient.TransitionAsync(editor, id, "approved");
        var at = CivilizationNews.Core.Time.ChinaTime.ToChina(DateTime.UtcNow.AddMinutes(5));
        await AdminClient.TransitionAsync(editor, id, "scheduled", new() { ["scheduleAt"] = at.ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture) });
        await GetAsync(reader, "/");
        Assert.True((await GetAsync(reader, "/")).Hit);

        // The claim is an ExecuteUpdate outside the change tracker; its transition rows still report the change.
        await factory.QueryAsync(db => db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ScheduledAt, DateTime.UtcNow.AddSeconds(-1)), Ct));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            Assert.Equal([id], await scope.ServiceProvider.GetRequiredService<ScheduledPublisher>().PublishDueAsync(Ct));
        }
        var (hit, body) = await GetAsync(reader, "/");
        Assert.False(hit);
        Assert.Contains("社区食堂开到家门口", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_and_admin_responses_are_never_cached()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var reader = AdminClient.Anonymous(factory);
        await GetAsync(reader, "/");
        Assert.True((await GetAsync(reader, "/")).Hit);

        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        Assert.False((await GetAsync(editor, "/")).Hit, "a signed-in reader got the shared cached page");
        Assert.False((await GetAsync(editor, "/")).Hit, "a signed-in response was stored");
        using var admin = await editor.GetAsync(new Uri("/admin", UriKind.Relative), Ct);
        Assert.Null(admin.Headers.Age);
        Assert.True(admin.Headers.CacheControl?.NoStore, "admin pages must be no-store");
    }

    [Fact]
    public async Task A_rolled_back_change_evicts_nothing_and_a_unit_rename_evicts_its_pages()
    {
        await using var factory = await PortalFactory.CreateAsync();
        // A unit that is the primary unit of a published story, whose card on its section's list names the unit.
        var unit = await factory.QueryAsync(db => db.Units.Where(u => u.Articles.Any(l => l.IsPrimary && l.Article!.Status == ArticleStatus.Published))
            .Select(u => new
            {
                u.Id, u.Slug, u.Name, u.ShortName,
                Section = u.Articles.Where(l => l.IsPrimary && l.Article!.Status == ArticleStatus.Published)
                    .OrderByDescending(l => l.Article!.PublishedAt).Select(l => l.Article!.Section!.Slug).First(),
            }).FirstAsync(Ct));
        var reader = AdminClient.Anonymous(factory);
        var profile = $"/unit/{unit.Slug}";
        var section = $"/section/{unit.Section}";
        await GetAsync(reader, profile);
        Assert.True((await GetAsync(reader, profile)).Hit);
        await GetAsync(reader, section);
        Assert.True((await GetAsync(reader, section)).Hit);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CivilizationNews.Core.Data.NewsDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            (await db.Units.AsTracking().SingleAsync(u => u.Id == unit.Id, Ct)).Name = "临时名称";
            await db.SaveChangesAsync(Ct);
            await transaction.RollbackAsync(Ct);
        }
        Assert.True((await GetAsync(reader, profile)).Hit, "a rolled-back change evicted the page");

        await factory.QueryAsync(async db =>
        {
            var tracked = await db.Units.AsTracking().SingleAsync(u => u.Id == unit.Id, Ct);
            tracked.Name = unit.Name + "（新）";
            tracked.ShortName = unit.ShortName + "新";
            return await db.SaveChangesAsync(Ct);
        });
        var (hit, body) = await GetAsync(reader, profile);
        Assert.False(hit);
        Assert.Contains(unit.Name + "（新）", body, StringComparison.Ordinal);
        // The section's list names the unit on its story's card: it goes too (it used to be kept, with the old name).
        (hit, body) = await GetAsync(reader, section);
        Assert.False(hit);
        Assert.Contains(unit.ShortName + "新", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_results_are_never_cached()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var reader = AdminClient.Anonymous(factory);
        await GetAsync(reader, "/search?q=志愿");
        Assert.False((await GetAsync(reader, "/search?q=志愿")).Hit);
    }
}
