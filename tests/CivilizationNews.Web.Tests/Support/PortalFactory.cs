using CivilizationNews.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Web.Tests.Support;

/// <summary>
/// The real app in process, on its own copy of the seeded demo database, in the Production
/// environment: the one in-process host of the web and browser tests (served by the in-memory test
/// server, or by Kestrel on a loopback port for a browser: <see cref="StartOnLoopback"/>). Tests
/// that need the app as a separate process use AppProcess.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private bool _loopback;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cn-web-tests", Guid.NewGuid().ToString("N"));

    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private PortalFactory(IReadOnlyDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _services = services;
    }

    public string DataDirectory => _directory;

    /// <param name="settings">Configuration on top of appsettings.json (for example OutputCache:Enabled).</param>
    /// <param name="services">Extra services, such as a command-counting interceptor.</param>
    public static async Task<PortalFactory> CreateAsync(bool seeded = true, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var factory = new PortalFactory(settings, services);
        if (seeded)
        {
            await TemplateDatabase.CopyToAsync(factory._directory);
        }
        return factory;
    }

    /// <summary>Serves on a free Kestrel port on 127.0.0.1 (for a browser) instead of the in-memory test server; returns its address.</summary>
    public Uri StartOnLoopback()
    {
        _loopback = true;
        UseKestrel();
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        return new Uri(addresses.Addresses.Single());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        if (_loopback)
        {
            // A free port on the loopback address only, whatever "Urls" appsettings.json names.
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        }
        builder.UseSetting("DataDirectory", _directory);
        builder.UseSetting("Database:SeedDemoContent", "false");
        // Tests count and time first reads: no page is prepared behind their back (StartupWarmUpTests turns it on).
        builder.UseSetting("Performance:WarmUpOnStart", "false");
        builder.UseStaticWebAssets();
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (_services is not null)
        {
            builder.ConfigureServices(_services);
        }
    }

    /// <summary>Runs a query against the app's own database.</summary>
    public async Task<T> QueryAsync<T>(Func<NewsDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<NewsDbContext>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; a failed delete must not fail the test.
        }
    }
}
