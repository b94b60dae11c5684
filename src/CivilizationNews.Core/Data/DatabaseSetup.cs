using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Core.Data;

/// <summary>Registers the one NewsDbContext for the configured provider.</summary>
public static class DatabaseSetup
{
    public const string SqliteFileName = "civilization-news.db";

    /// <remarks>
    /// A list in a query (<c>ids.Contains(a.Id)</c>) is sent as one JSON parameter (<c>IN (SELECT value FROM
    /// json_each(@ids))</c>), EF Core 8–9's form, not EF Core 10's default of one parameter per item: with one
    /// parameter per item EF generated the SQL again on every execution, which was a tenth of an uncached
    /// story page's CPU (docs/performance.md). SQLite plans both forms the same way.
    /// </remarks>
    public static void ConfigureSqlite(SqliteDbContextOptionsBuilder sqlite) =>
        sqlite.MigrationsAssembly(typeof(NewsDbContext).Assembly.FullName)
              .UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)
              .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter);

    /// <remarks>
    /// No retrying execution strategy: the newsroom saves (publish, feature publish, import, seeding)
    /// run in explicit transactions, which a retrying strategy refuses outside strategy.Execute.
    /// A transient SQL Server failure instead reaches the reader as the Chinese 503 page
    /// (DatabaseOutage) and the editor as an error with nothing half-saved.
    /// </remarks>
    public static void ConfigureSqlServer(Microsoft.EntityFrameworkCore.Infrastructure.SqlServerDbContextOptionsBuilder sqlServer) =>
        sqlServer.MigrationsAssembly(typeof(NewsDbContext).Assembly.FullName);

    /// <summary>The SQLite connection string for a data folder, with a busy timeout so writers queue instead of failing.</summary>
    public static string SqliteConnectionString(string dataDirectory) => new SqliteConnectionStringBuilder
    {
        DataSource = Path.Combine(dataDirectory, SqliteFileName),
        Cache = SqliteCacheMode.Private,
        DefaultTimeout = 30,
        Pooling = true,
    }.ToString();

    public static IServiceCollection AddNewsDatabase(this IServiceCollection services, DatabaseOptions options, string dataDirectory)
    {
        // What the save path does after a commit; the web app adds the page cache it evicts (IPageCache).
        services.AddSingleton<Saving.AfterCommit>();
        // Interceptors come from DI, so that tests (command counts) can add theirs; they are singletons, as the
        // options are built once. Contexts are pooled: building a context's options and finding its internal
        // services was a fifth of an uncached page's CPU (docs/performance.md).
        switch (options.Provider)
        {
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException("Database:Provider is SqlServer but Database:ConnectionString is empty.");
                }
                services.AddDbContextPool<SqlServerNewsDbContext>((sp, o) => o
                    .UseSqlServer(options.ConnectionString, ConfigureSqlServer)
                    .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
                    .AddInterceptors(Saving.CommitSignal.Instance)
                    .AddInterceptors(sp.GetServices<IInterceptor>()));
                services.AddScoped<NewsDbContext>(sp => sp.GetRequiredService<SqlServerNewsDbContext>());
                break;
            default:
                Directory.CreateDirectory(dataDirectory);
                // The app never creates its database file by opening it (start-up and the migrate verb do that,
                // see DatabaseStartup): a file removed under a running app is an outage it reports and
                // recovers from when the file returns, not an empty database silently created in its place.
                var connectionString = string.IsNullOrWhiteSpace(options.ConnectionString)
                    ? new SqliteConnectionStringBuilder(SqliteConnectionString(dataDirectory)) { Mode = SqliteOpenMode.ReadWrite }.ToString()
                    : options.ConnectionString;
                services.AddDbContextPool<SqliteNewsDbContext>((sp, o) => o
                    .UseSqlite(connectionString, ConfigureSqlite)
                    .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
                    .AddInterceptors(new SqlitePragmaInterceptor(), Saving.CommitSignal.Instance)
                    .AddInterceptors(sp.GetServices<IInterceptor>()));
                services.AddScoped<NewsDbContext>(sp => sp.GetRequiredService<SqliteNewsDbContext>());
                break;
        }
        return services;
    }
}
