using System.Collections.Concurrent;
using System.Net;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Features;
using CivilizationNews.Core.LinkPush;
using CivilizationNews.Core.Scheduling;
using CivilizationNews.Core.Workflow;
using CivilizationNews.Web.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static CivilizationNews.Web.Tests.Support.DiscoveryKit;

namespace CivilizationNews.Web.Tests.Areas.Admin;

/// <summary>Link push (Baidu style) against a stub endpoint listening on 127.0.0.1.</summary>
public sealed class LinkPushTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publishing_a_story_pushes_its_canonical_url_and_retries_a_failure()
    {
        // The endpoint is busy once, then accepts.
        await using var endpoint = await StubEndpoint.StartAsync(n => n == 1 ? (503, "busy") : (200, "{\"remain\":99,\"success\":1}"));
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings(
            ("Discovery:PushEndpoint", endpoint.Url + "/urls?site=news.example.cn&token=secret"),
            ("Discovery:PushRetryDelay", "00:00:00.050"));
        var id = await factory.QueryAsync(db => db.Articles.Where(a => a.Title == LeadTitle).Select(a => a.Id).SingleAsync());

        var queued = app.Services.GetRequiredService<ILinkPushNotifier>().ArticlePublished(id);
        var requests = await endpoint.WaitForAsync(2, Patience);

        Assert.True(queued);
        Assert.All(requests, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal("/urls", r.Path);
            Assert.Equal("?site=news.example.cn&token=secret", r.Query);
            Assert.Equal("text/plain", r.ContentType);
            Assert.Equal($"{Origin}/article/{id}", r.Body);
        });
        Assert.Equal(HttpStatusCode.OK, (await GetTextAsync(app.CreateClient(), PathOf(requests[0].Body))).Response.StatusCode);
    }

    [Fact]
    public async Task What_becomes_public_is_pushed_after_the_commit_however_it_was_published()
    {
        await using var endpoint = await StubEndpoint.StartAsync(_ => (200, "{\"success\":1}"));
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithSettings(("Discovery:PushEndpoint", endpoint.Url + "/urls"));
        var editor = new NewsroomUser("editor-id", "赵静怡", new HashSet<string> { NewsRoles.Editor });
        // Every query goes through the configured app: starting the bare factory's host as well would start its
        // scheduler, which could claim the scheduled story below and publish it with no push endpoint configured.
        async Task<T> Query<T>(Func<NewsDbContext, Task<T>> query)
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await query(scope.ServiceProvider.GetRequiredService<NewsDbContext>());
        }
        var feature = await Query(db => db.Features.Select(f => new { f.Id, f.Slug, Sidebar = f.Sidebars.Select(s => s.ArticleId).First() }).FirstAsync());
        var others = await Query(db => db.Articles
            .Where(a => a.Status == ArticleStatus.Published && !db.FeatureSidebars.Any(s => s.ArticleId == a.Id) && !db.Features.Any(f => f.LeadArticleId == a.Id))
            .OrderBy(a => a.Id).Select(a => a.Id).Take(3).ToListAsync());
        var (rolledBack, byHand, onSchedule) = (others[0], others[1], others[2]);
        await Query(db => db.Articles.Where(a => a.Id == rolledBack || a.Id == byHand || a.Id == feature.Sidebar)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ArticleStatus.Approved)));
        await Query(db => db.Articles.Where(a => a.Id == onSchedule)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.Status, ArticleStatus.Scheduled).SetProperty(a => a.ScheduledAt, DateTime.UtcNow.AddMinutes(-1))));
        await Query(db => db.Features.Where(f => f.Id == feature.Id).ExecuteUpdateAsync(u => u.SetProperty(f => f.IsPublished, false)));

        // A publish whose transaction rolls back pushes nothing (its request would be among the three below: the queue is in order).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            var moved = await scope.ServiceProvider.GetRequiredService<ArticleWorkflow>().MoveAsync(rolledBack, ArticleStatus.Published, editor, null, cancellationToken: Ct);
            Assert.Equal(WorkflowOutcome.Done, moved.Outcome);
            await transaction.RollbackAsync(Ct);
        }
        // The newsroom's publish, the scheduler's and a feature's (which pushed nothing before the save path did it).
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var moved = await scope.ServiceProvider.GetRequiredService<ArticleWorkflow>().MoveAsync(byHand, ArticleStatus.Published, editor, null, cancellationToken: Ct);
            Assert.Equal(WorkflowOutcome.Done, moved.Outcome);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // The app's own scheduler may claim it first; either way it is published once.
            await scope.ServiceProvider.GetRequiredService<ScheduledPublisher>().PublishDueAsync(Ct);
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var published = await scope.ServiceProvider.GetRequiredService<FeaturePublisher>().PublishAsync(feature.Id, editor, Ct);
            Assert.Equal(FeaturePublishOutcome.Done, published.Outcome);
        }

        // The service merges whatever is waiting into one request: count URLs, not requests.
        string[] expected = [$"{Origin}/article/{byHand}", $"{Origin}/article/{onSchedule}", $"{Origin}/article/{feature.Sidebar}", $"{Origin}/feature/{feature.Slug}"];
        var pushed = new List<string>();
        while (!expected.All(pushed.Contains))
        {
            var requests = await endpoint.WaitForAsync(1, Patience);
            pushed = requests.SelectMany(r => r.Body.Split('\n')).ToList();
        }
        Assert.Equal(expected.Order(), pushed.Order());
    }

    [Fact]
    public async Task Push_is_off_by_default()
    {
        await using var factory = await PortalFactory.CreateAsync();

        var notifier = factory.Services.GetRequiredService<ILinkPushNotifier>();

        Assert.False(notifier.ArticlePublished(1));
        Assert.False(notifier.Enqueue([new Uri("https://news.example.cn/article/1")]));
    }

    [Fact]
    public async Task Push_needs_a_public_origin()
    {
        await using var endpoint = await StubEndpoint.StartAsync(_ => (200, "{}"));
        await using var factory = await PortalFactory.CreateAsync();
        using var app = factory.WithWebHostBuilder(b => b.UseSetting("Discovery:PushEndpoint", endpoint.Url + "/urls"));

        Assert.False(app.Services.GetRequiredService<ILinkPushNotifier>().ArticlePublished(1));
    }

    [Fact]
    public async Task A_batch_goes_out_as_one_url_a_line()
    {
        await using var endpoint = await StubEndpoint.StartAsync(_ => (200, "{\"success\":3}"));
        var logs = new ListLogger<LinkPushService>();
        var service = Service(endpoint, logs);
        Uri[] urls = [new($"{Origin}/article/1"), new($"{Origin}/article/2"), new($"{Origin}/article/3")];

        var pushed = await service.PushAsync(urls, TestContext.Current.CancellationToken);

        Assert.True(pushed);
        var request = Assert.Single(endpoint.Requests);
        Assert.Equal($"{Origin}/article/1\n{Origin}/article/2\n{Origin}/article/3", request.Body);
        var entry = Assert.Single(logs.Entries);
        Assert.Equal(5010, entry.EventId.Id);
        Assert.Contains("{\"success\":3}", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_gives_up_after_the_configured_attempts_and_logs_each_one()
    {
        await using var endpoint = await StubEndpoint.StartAsync(_ => (500, "oops"));
        var logs = new ListLogger<LinkPushService>();
        var service = Service(endpoint, logs);

        var pushed = await service.PushAsync([new Uri($"{Origin}/article/1")], TestContext.Current.CancellationToken);

        Assert.False(pushed);
        Assert.Equal(3, endpoint.Requests.Count);
        Assert.Equal([5011, 5011, 5012], logs.Entries.Select(e => e.EventId.Id));
        Assert.Equal(LogLevel.Error, logs.Entries[^1].Level);
    }

    [Fact]
    public async Task A_rejected_batch_is_not_retried()
    {
        await using var endpoint = await StubEndpoint.StartAsync(_ => (400, "{\"error\":400,\"message\":\"site init fail\"}"));
        var logs = new ListLogger<LinkPushService>();
        var service = Service(endpoint, logs);

        var pushed = await service.PushAsync([new Uri($"{Origin}/article/1")], TestContext.Current.CancellationToken);

        Assert.False(pushed);
        Assert.Single(endpoint.Requests);
        var entry = Assert.Single(logs.Entries);
        Assert.Equal(5013, entry.EventId.Id);
        Assert.Contains("site init fail", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_endpoint_is_retried_then_given_up()
    {
        // Nothing listens on a port the stub held and released.
        string url;
        await using (var closed = await StubEndpoint.StartAsync(_ => (200, "")))
        {
            url = closed.Url;
        }
        var logs = new ListLogger<LinkPushService>();
        var service = new LinkPushService(
            new LinkPushNotifier(Options(url), new ListLogger<LinkPushNotifier>()), new PlainHttpClients(), Options(url), TimeProvider.System, logs);

        var pushed = await service.PushAsync([new Uri($"{Origin}/article/1")], TestContext.Current.CancellationToken);

        Assert.False(pushed);
        Assert.Equal([5011, 5011, 5012], logs.Entries.Select(e => e.EventId.Id));
    }

    private static LinkPushService Service(StubEndpoint endpoint, ListLogger<LinkPushService> logs)
    {
        var options = Options(endpoint.Url + "/urls?site=news.example.cn&token=secret");
        return new LinkPushService(new LinkPushNotifier(options, new ListLogger<LinkPushNotifier>()), new PlainHttpClients(), options, TimeProvider.System, logs);
    }

    private static IOptions<LinkPushOptions> Options(string endpoint) => Microsoft.Extensions.Options.Options.Create(new LinkPushOptions
    {
        PushEndpoint = endpoint,
        PublicBaseUrl = Origin,
        PushAttempts = 3,
        PushRetryDelay = TimeSpan.FromMilliseconds(20),
        PushTimeout = TimeSpan.FromSeconds(5),
    });

    private sealed class PlainHttpClients : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    public sealed record LogEntry(LogLevel Level, EventId EventId, string Message);

    private sealed class ListLogger<T> : ILogger<T>
    {
        private readonly ConcurrentQueue<LogEntry> _entries = new();

        public IReadOnlyList<LogEntry> Entries => [.. _entries];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            _entries.Enqueue(new LogEntry(logLevel, eventId, formatter(state, exception)));
    }

    /// <summary>A tiny Kestrel app on 127.0.0.1 that records each request and answers what the test says.</summary>
    private sealed class StubEndpoint : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<StubRequest> _requests = new();
        private readonly SemaphoreSlim _arrived = new(0);

        private StubEndpoint(WebApplication app, Func<int, (int Status, string Body)> respond)
        {
            _app = app;
            app.Run(async context =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var body = await reader.ReadToEndAsync(context.RequestAborted);
                _requests.Enqueue(new StubRequest(context.Request.Method, context.Request.Path, context.Request.QueryString.Value ?? "",
                    context.Request.ContentType?.Split(';')[0] ?? "", body));
                var (status, reply) = respond(_requests.Count);
                context.Response.StatusCode = status;
                await context.Response.WriteAsync(reply, context.RequestAborted);
                _arrived.Release();
            });
        }

        public string Url { get; private set; } = "";

        public IReadOnlyList<StubRequest> Requests => [.. _requests];

        public static async Task<StubEndpoint> StartAsync(Func<int, (int Status, string Body)> respond)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            var stub = new StubEndpoint(builder.Build(), respond);
            await stub._app.StartAsync(TestContext.Current.CancellationToken);
            stub.Url = stub._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return stub;
        }

        public async Task<IReadOnlyList<StubRequest>> WaitForAsync(int count, TimeSpan timeout)
        {
            for (var i = 0; i < count; i++)
            {
                Assert.True(await _arrived.WaitAsync(timeout, TestContext.Current.CancellationToken), $"the endpoint got {_requests.Count} of {count} requests");
            }
            return Requests;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _arrived.Dispose();
        }
    }

    public sealed record StubRequest(string Method, string Path, string Query, string ContentType, string Body);
}
