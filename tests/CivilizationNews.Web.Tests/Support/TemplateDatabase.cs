using CivilizationNews.Core.Data;
using CivilizationNews.Core.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CivilizationNews.Web.Tests.Support;

/// <summary>
/// The demo database, migrated and seeded once per test run with the real migrations and seeder;
/// every test gets its own copy of it (VACUUM INTO), so no test sees another's writes.
/// </summary>
public static class TemplateDatabase
{
    private static readonly Lazy<Task<string>> Template = new(CreateAsync);

    public static async Task CopyToAsync(string directory)
    {
        var template = await Template.Value;
        Directory.CreateDirectory(directory);
        var target = Path.Combine(directory, DatabaseSetup.SqliteFileName);
        await using var connection = new SqliteConnection($"Data Source={template};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $target";
        command.Parameters.AddWithValue("$target", target);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "cn-web-tests", "template-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var options = new DbContextOptionsBuilder<SqliteNewsDbContext>()
            .UseSqlite(DatabaseSetup.SqliteConnectionString(directory) + ";Pooling=False", DatabaseSetup.ConfigureSqlite)
            .Options;
        await using (var db = new SqliteNewsDbContext(options))
        {
            await db.Database.MigrateAsync();
            await new DemoSeeder(db, NullLogger<DemoSeeder>.Instance).SeedAsync();
        }
        return Path.Combine(directory, DatabaseSetup.SqliteFileName);
    }
}
