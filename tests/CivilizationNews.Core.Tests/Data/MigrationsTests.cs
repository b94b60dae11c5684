using CivilizationNews.Core.Data;
using CivilizationNews.Core.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace CivilizationNews.Core.Tests.Data;

public sealed class MigrationsTests
{
    [Fact]
    public async Task Sqlite_migrations_apply_to_a_fresh_database()
    {
        using var database = new TestDatabase();
        await using var db = await database.CreateMigratedAsync();

        var applied = await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken);
        var all = db.Database.GetMigrations();
        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        // The schema is usable: a query over a joined table runs.
        Assert.Equal(0, await db.Articles.CountAsync(a => a.Units.Any(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Sqlite_model_has_no_pending_changes()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQLite migration: the model changed.");
    }

    [Fact]
    public void SqlServer_model_has_no_pending_changes()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "Add a SQL Server migration: the model changed.");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);
        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    [Fact]
    public void SqlServer_idempotent_script_parses_without_errors()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [Articles]", script, StringComparison.Ordinal);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        // EF separates batches with GO, which is a client command rather than T-SQL: parse batch by batch.
        var batches = System.Text.RegularExpressions.Regex.Split(script, @"^\s*GO\s*$", System.Text.RegularExpressions.RegexOptions.Multiline);
        var errors = new List<string>();
        foreach (var batch in batches.Where(b => !string.IsNullOrWhiteSpace(b)))
        {
            using var reader = new StringReader(batch);
            parser.Parse(reader, out var batchErrors);
            errors.AddRange(batchErrors.Select(e => $"line {e.Line}: {e.Message}"));
        }
        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
        foreach (var migration in db.Database.GetMigrations())
        {
            Assert.Contains($"N'{migration}'", script, StringComparison.Ordinal);
        }
    }
}
