using CivilizationNews.Core.Saving;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Data;

/// <summary>The embedded default: a SQLite file under the app's data folder, migrated at start-up.</summary>
public sealed class SqliteNewsDbContext(DbContextOptions<SqliteNewsDbContext> options, AfterCommit? afterCommit = null) : NewsDbContext(options, afterCommit);
