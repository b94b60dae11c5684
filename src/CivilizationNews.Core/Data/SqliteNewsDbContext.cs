using CivilizationNews.Core.Articles;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Data;

/// <summary>The embedded default: a SQLite file under the app's data folder, migrated at start-up.</summary>
public sealed class SqliteNewsDbContext(DbContextOptions<SqliteNewsDbContext> options) : NewsDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // A story's status and publication time by its id, without reading its row. In SQLite a story row is
        // stored in id order with the body before Status and PublishedAt, and a body of a few thousand
        // characters spills into overflow pages, so "which of these stories are public" (a unit's coverage and
        // its count, the home page's units in the news) read two or three pages per story. SQL Server's
        // clustered primary key needs no such index. Measured in docs/performance.md.
        builder.Entity<Article>().HasIndex(a => new { a.Id, a.Status, a.PublishedAt }).HasDatabaseName("IX_Articles_Id_Status_PublishedAt");
    }
}
