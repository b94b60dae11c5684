using CivilizationNews.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Web.Tests.Support;

/// <summary>The real app on its own copy of the seeded demo database, in the Production environment.</summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("DataDirectory", _directory);
        builder.UseSetting("Database:SeedDemoContent", "false");
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
