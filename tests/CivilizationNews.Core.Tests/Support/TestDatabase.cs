using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Tests.Support;

/// <summary>A real SQLite file in a temporary folder, migrated with the real migrations.</summary>
public sealed class TestDatabase : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "cn-core-tests", Guid.NewGuid().ToString("N"));

    public TestDatabase()
    {
        Directory.CreateDirectory(_directory);
        ConnectionString = DatabaseSetup.SqliteConnectionString(_directory);
    }

    public string ConnectionString { get; }

    public string FilePath => Path.Combine(_directory, DatabaseSetup.SqliteFileName);

    public SqliteNewsDbContext CreateContext(bool tracking = true) =>
        new(new DbContextOptionsBuilder<SqliteNewsDbContext>()
            .UseSqlite(ConnectionString, DatabaseSetup.ConfigureSqlite)
            .UseQueryTrackingBehavior(tracking ? QueryTrackingBehavior.TrackAll : QueryTrackingBehavior.NoTracking)
            .AddInterceptors(new SqlitePragmaInterceptor())
            .Options);

    public async Task<SqliteNewsDbContext> CreateMigratedAsync()
    {
        var db = CreateContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        return db;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finalizing connection; the temp folder is cleaned by the OS.
        }
    }
}
