using CivilizationNews.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Web.Tests.Infrastructure;

/// <summary>The real app on its own copy of the seeded demo database, in the Production environment.</summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cn-web-tests", Guid.NewGuid().ToString("N"));

    private PortalFactory()
    {
    }

    public string DataDirectory => _directory;

    public static async Task<PortalFactory> CreateAsync(bool seeded = true)
    {
        var factory = new PortalFactory();
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
