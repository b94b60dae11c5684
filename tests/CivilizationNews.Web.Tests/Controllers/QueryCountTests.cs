using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using CivilizationNews.Core.Articles;
using CivilizationNews.Web.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Web.Tests.Controllers;

/// <summary>
/// No N+1 queries: every public page type issues a small, fixed number of SQL commands, however
/// many stories, units or photos it shows. The output cache is off here so every request runs
/// its queries; each request is tagged with a header and its commands counted.
/// </summary>
public sealed class QueryCountTests
{
    private const string Header = "X-Test-Request";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class CommandCounter(IHttpContextAccessor http) : DbCommandInterceptor
    {
        public ConcurrentDictionary<string, int> Counts { get; } = new();

        private void Count()
        {
            if (http.HttpContext?.Request.Headers[Header].ToString() is { Length: > 0 } key)
            {
                Counts.AddOrUpdate(key, 1, (_, n) => n + 1);
            }
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Count();
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Count();
            return ValueTask.FromResult(result);
        }
    }

    public static TheoryData<string, int> PageTypes => new()
    {
        // page type, the most commands it may issue: what each issues today, measured on the page of
        // its type that shows the most stories, units, photos and credits in the demo content.
        // The first read of a story, the home page, a section list, an e-paper page, the unit directory or a unit profile builds its read document
        // and stores it (reading the read generation, then one short transaction); every later read is the stored
        // document and the section navigation every page has (Core/Reading/Documents).
        { "home", 22 },
        { "home-stored", 2 },
        { "article", 18 },
        { "article-stored", 2 },
        { "feature", 8 },
        { "section", 12 },
        { "section-stored", 2 },
        { "tag", 4 },
        { "contributor", 4 },
        { "units", 11 },
        { "units-stored", 2 },
        { "unit", 16 },
        { "unit-stored", 2 },
        // The e-paper reads its pages' facsimiles (one query), and a page its stories' regions (one more).
        { "epaper-date", 7 },
        { "epaper-page", 30 },
        { "epaper-page-stored", 2 },
        { "epaper-archive", 2 },
        { "feed", 6 },
        { "sitemap", 1 },
        { "corrections", 3 },
    };

    [Theory]
    [MemberData(nameof(PageTypes))]
    public async Task Each_public_page_type_issues_a_small_fixed_number_of_commands(string pageType, int limit)
    {
        CommandCounter? counter = null;
        await using var factory = await PortalFactory.CreateAsync(
            settings: new Dictionary<string, string?> { ["OutputCache:Enabled"] = "false" },
            services: s =>
            {
                s.AddHttpContextAccessor();
                s.AddSingleton<CommandCounter>();
                s.AddSingleton<IInterceptor>(sp => counter = sp.GetRequiredService<CommandCounter>());
            });
        var paths = await factory.QueryAsync(async db =>
        {
            var article = await db.Articles.Where(a => a.Status == ArticleStatus.Published && a.Photos.Count > 0 && a.Units.Count > 0)
                .OrderByDescending(a => a.Units.Count).Select(a => a.Id).FirstAsync(Ct);
            var feature = await db.Features.Where(f => f.IsPublished).Select(f => f.Slug).FirstAsync(Ct);
            var section = await db.Sections.OrderByDescending(s => db.Articles.Count(a => a.SectionId == s.Id)).Select(s => s.Slug).FirstAsync(Ct);
            var tag = await db.Tags.OrderByDescending(t => db.ArticleTags.Count(l => l.TagId == t.Id)).Select(t => t.Name).FirstAsync(Ct);
            var contributor = await db.Contributors.OrderByDescending(c => db.ArticleCredits.Count(l => l.ContributorId == c.Id)).Select(c => c.Slug).FirstAsync(Ct);
            var unit = await db.Units.OrderByDescending(u => u.Articles.Count).Select(u => u.Slug).FirstAsync(Ct);
            var page = await db.EditionPages.OrderByDescending(p => db.Articles.Count(a => a.EditionPageId == p.Id))
                .Select(p => new { p.Edition!.Date, p.Number }).FirstAsync(Ct);
            var date = page.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            return new Dictionary<string, string>
            {
                ["home"] = "/", ["article"] = $"/article/{article}", ["article-stored"] = $"/article/{article}", ["feature"] = $"/feature/{feature}",
                ["section"] = $"/section/{section}", ["tag"] = $"/tag/{Uri.EscapeDataString(tag)}", ["contributor"] = $"/contributor/{contributor}",
                ["units"] = "/units", ["unit"] = $"/unit/{unit}", ["home-stored"] = "/", ["section-stored"] = $"/section/{section}", ["units-stored"] = "/units", ["unit-stored"] = $"/unit/{unit}",
                ["epaper-date"] = $"/epaper/{date}",
                ["epaper-page"] = $"/epaper/{date}/{page.Number}", ["epaper-page-stored"] = $"/epaper/{date}/{page.Number}", ["epaper-archive"] = "/epaper/archive",
                ["feed"] = $"/unit/{unit}/rss", ["sitemap"] = "/sitemap.xml", ["corrections"] = "/corrections",
            };
        });

        var client = AdminClient.Anonymous(factory);
        if (pageType.EndsWith("-stored", StringComparison.Ordinal))
        {
            using var first = await client.GetAsync(new Uri(paths[pageType], UriKind.Relative), Ct);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(paths[pageType], UriKind.Relative));
        request.Headers.Add(Header, pageType);
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(counter);
        var count = counter!.Counts.GetValueOrDefault(pageType);
        Assert.True(count > 0, $"{pageType}: no commands were counted, so the counter is not wired");
        Assert.True(count <= limit, $"{paths[pageType]} issued {count} SQL commands (limit {limit})");
        TestContext.Current.TestOutputHelper?.WriteLine($"{pageType} {paths[pageType]}: {count} commands");
    }
}
