using CivilizationNews.Core.Data;
using CivilizationNews.Web.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Serilog.Core;

namespace CivilizationNews.BrowserTests.Infrastructure;

/// <summary>
/// One test class's world: the real app on a Kestrel port on 127.0.0.1, over its own copy of the
/// seeded demo database, and one headless Debian Chromium driven by Playwright.
/// </summary>
public class PortalHost : IAsyncLifetime
{
    /// <summary>What a browser test's app runs with, on top of appsettings.json.</summary>
    private static readonly Dictionary<string, string?> Settings = new()
    {
        // The editor journey waits for the real scheduler; a short interval keeps it quick.
        ["Scheduler:IntervalSeconds"] = "2",
        // Information-level request lines would drown the test output; warnings still print.
        ["Serilog:MinimumLevel:Default"] = "Warning",
    };

    private readonly bool _withBrowser;
    private PortalFactory? _factory;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public PortalHost()
        : this(withBrowser: true)
    {
    }

    /// <summary>Without a browser: for checks of the HTML as served.</summary>
    internal PortalHost(bool withBrowser) => _withBrowser = withBrowser;

    public ServerLog ServerLog { get; } = new();

    public Uri BaseAddress { get; private set; } = default!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The host has not started.");

    public async ValueTask InitializeAsync()
    {
        await StartNeighboursAsync();
        _factory = await PortalFactory.CreateAsync(settings: Settings, services: s =>
        {
            s.AddSingleton<ILogEventSink>(ServerLog);
            ConfigureServices(s);
        });
        BaseAddress = _factory.StartOnLoopback();
        // A warning at start-up (a bad setting, a pending migration) fails the class, too.
        Assert.True(ServerLog.Problems.Count == 0, "The server logged at start-up:\n" + string.Join('\n', ServerLog.Problems));

        if (!_withBrowser)
        {
            return;
        }
        (_playwright, _browser) = await Chromium.LaunchAsync();
    }

    /// <summary>For a host that needs something else beside the app (a picture site for pasted articles).</summary>
    protected virtual Task StartNeighboursAsync() => Task.CompletedTask;

    /// <summary>Services that replace the app's own, registered after them; only for what a browser cannot reach otherwise.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>A fresh browser context (its own cookies and storage) at the given screen size.</summary>
    /// <param name="bypassCsp">Only for axe, which injects its engine with eval; every other session runs under the site's policy.</param>
    public async Task<ReaderSession> OpenAsync(Screen screen, string journey, bool bypassCsp = false)
    {
        ServerLog.Clear();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = screen.Width, Height = screen.Height },
            IsMobile = screen.Mobile,
            HasTouch = screen.Mobile,
            DeviceScaleFactor = 1,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            BypassCSP = bypassCsp,
        });
        return await ReaderSession.StartAsync(this, context, screen, journey);
    }

    /// <summary>Runs a query against the app's own database.</summary>
    public async Task<T> QueryAsync<T>(Func<NewsDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var scope = Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NewsDbContext>());
    }

    /// <summary>A newsroom account made through the real UserManager; returns its sign-in email and password.</summary>
    public async Task<(string Email, string Password)> CreateNewsroomUserAsync(string role, string name)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Core.Accounts.NewsUser>>();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.cn";
        var password = "Pw-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(12));
        var user = new Core.Accounts.NewsUser { UserName = email, Email = email, DisplayName = name, CreatedAt = DateTime.UtcNow };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return (email, password);
    }

    /// <summary>An HTTP client for the same server, for the bytes as served (before any script runs).</summary>
    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    public virtual async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    private PortalFactory Factory => _factory ?? throw new InvalidOperationException("The host has not started.");
}
