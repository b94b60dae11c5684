using CivilizationNews.Core.Data;
using CivilizationNews.Core.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Infrastructure;

public static partial class DatabaseStartup
{
    /// <summary>
    /// SQLite: create and migrate the file, switch it to WAL, then seed the demo into an empty database.
    /// SQL Server: its schema is deployed from the idempotent script, so only a check is made here.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CivilizationNews.Database");
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();

        if (options.MigrateOnStartup ?? options.Provider == DatabaseProvider.Sqlite)
        {
            await MigrateAsync(db, logger);
        }
        else
        {
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            if (pending.Count > 0)
            {
                LogPendingMigrations(logger, pending.Count, string.Join(", ", pending));
            }
        }

        if (options.SeedDemoContent)
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedIfEmptyAsync();
        }

        var first = scope.ServiceProvider.GetRequiredService<FirstAdministrator>();
        await first.EnsureRolesAsync();
        var site = app.Configuration["Site:PublicBaseUrl"];
        var token = await first.IssueSetupTokenIfNoUsersAsync(string.IsNullOrEmpty(site) ? null : site);
        if (token is not null && string.IsNullOrEmpty(site))
        {
            // The listening address is known only once the server has started.
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                var address = app.Urls.FirstOrDefault() ?? "http://localhost:5080";
                var setupLogger = app.Services.GetRequiredService<ILogger<FirstAdministrator>>();
                var host = address.Replace("://+", "://localhost", StringComparison.Ordinal)
                    .Replace("://*", "://localhost", StringComparison.Ordinal)
                    .Replace("://[::]", "://localhost", StringComparison.Ordinal);
                var url = FirstAdministrator.SetupUrl(host, token);
                FirstAdministrator.LogSetupLink(setupLogger, url);
            });
        }
    }

    public static async Task MigrateAsync(NewsDbContext db, ILogger logger)
    {
        if (db.Database.IsSqlite())
        {
            await CreateSqliteFileAsync(db);
        }
        var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
        if (pending.Count > 0)
        {
            await db.Database.MigrateAsync();
            LogMigrated(logger, pending.Count);
        }
        if (db.Database.IsSqlite())
        {
            // WAL is a property of the database file: set once, it lasts for every later connection.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            // Fresh planner statistics: without them SQLite picks the (Status, PublishedAt) index for
            // "stories on this edition page" and scans every published story (70 ms instead of 1 ms
            // at 5,000 stories). analysis_limit keeps ANALYZE to milliseconds at any size.
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; ANALYZE;");
        }
    }

    /// <summary>The app opens its SQLite file read-write only (no create); this is where the file is made.</summary>
    private static async Task CreateSqliteFileAsync(NewsDbContext db)
    {
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString())
        {
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        };
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || File.Exists(builder.DataSource))
        {
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(builder.DataSource))!);
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Applied {Count} database migrations")]
    private static partial void LogMigrated(ILogger logger, int count);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "The database lacks {Count} migrations ({Names}); deploy the idempotent script (docs/database.md)")]
    private static partial void LogPendingMigrations(ILogger logger, int count, string names);
}
