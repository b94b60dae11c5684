using CivilizationNews.Core.Articles;
using CivilizationNews.Web.Infrastructure;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Web.Tests.Infrastructure;

/// <summary>
/// A starting instance builds the home page's read document beside the rest of start-up (StartupWarmUp), so its first
/// reader is served from it; the in-process test host turns that off, and then nothing is stored before a read.
/// </summary>
public sealed class StartupWarmUpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<bool> HomeStoredAsync(PortalFactory factory) =>
        factory.QueryAsync(db => db.PageDocuments.AnyAsync(d => d.Key == "home/1", Ct));

    [Fact]
    public async Task The_home_page_is_prepared_during_start_up_and_its_first_reader_gets_it()
    {
        using var factory = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Performance:WarmUpOnStart"] = "true",
            ["OutputCache:Enabled"] = "false",
        });
        using var client = factory.CreateClient();
        // As long as a person would wait for a first page; the build itself takes well under a second.
        await factory.Services.GetRequiredService<StartupWarmUp>().Completion.WaitAsync(TimeSpan.FromMinutes(1), Ct);
        Assert.True(await HomeStoredAsync(factory));

        // The first request is served from that document: a title changed behind the save path's back does not show.
        var newest = await factory.QueryAsync(db => db.Articles.Where(a => a.Status == ArticleStatus.Published)
            .OrderByDescending(a => a.PublishedAt).Select(a => new { a.Id, a.Title }).FirstAsync(Ct));
        await factory.QueryAsync(db => db.Articles.Where(a => a.Id == newest.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, "绕过保存路径的标题"), Ct));
        var (response, page) = await Html.GetAsync(client, "/");
        response.EnsureSuccessStatusCode();
        var text = page.Body!.TextContent;
        Assert.Contains(newest.Title, text, StringComparison.Ordinal);
        Assert.DoesNotContain("绕过保存路径的标题", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_warm_up_nothing_is_stored_before_the_first_read()
    {
        using var factory = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?> { ["OutputCache:Enabled"] = "false" });
        using var client = factory.CreateClient();
        Assert.False(await HomeStoredAsync(factory));
        Assert.True(factory.Services.GetRequiredService<StartupWarmUp>().Completion.IsCompleted);

        await client.GetStringAsync("/", Ct);
        Assert.True(await HomeStoredAsync(factory));
    }
}
