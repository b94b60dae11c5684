namespace CivilizationNews.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For SQL Server: required. For SQLite: optional; defaults to a file in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up. On by default for SQLite only.</summary>
    public bool? MigrateOnStartup { get; set; }

    /// <summary>Seed the demo roundup and stories into an empty database at start-up.</summary>
    public bool SeedDemoContent { get; set; } = true;
}
