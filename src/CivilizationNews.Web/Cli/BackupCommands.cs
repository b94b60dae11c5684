using System.Globalization;
using CivilizationNews.Core.Data;
using CivilizationNews.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Cli;

/// <summary>
/// `backup &lt;file&gt;` and `restore &lt;file&gt;` for the SQLite database. A backup is taken online with
/// VACUUM INTO: one read transaction, so it is a consistent snapshot even while the portal keeps
/// writing. A restore checks the file first, keeps a copy of the current database beside it, copies
/// the backup in with SQLite's online backup API, then applies any newer migrations.
/// SQL Server databases are backed up with the server's own BACKUP DATABASE (docs/database.md).
/// </summary>
public static partial class BackupCommands
{
    public static async Task<int> BackupAsync(IServiceProvider services, CommandLine command, ILogger logger)
    {
        if (Target(command) is not { } target)
        {
            await Console.Error.WriteLineAsync("用法：backup <备份文件路径>");
            return 2;
        }
        if (LiveConnectionString(services) is not { } live)
        {
            return 2;
        }
        if (!File.Exists(new SqliteConnectionStringBuilder(live).DataSource))
        {
            await Console.Error.WriteLineAsync("数据库文件不存在，没有可备份的内容。");
            return 2;
        }
        if (File.Exists(target))
        {
            await Console.Error.WriteLineAsync($"备份文件已存在：{target}。请换一个文件名，已有备份不会被覆盖。");
            return 2;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        await using (var connection = new SqliteConnection(live))
        {
            await connection.OpenAsync();
            await using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $target";
            vacuum.Parameters.AddWithValue("$target", target);
            await vacuum.ExecuteNonQueryAsync();
        }
        var check = await CheckAsync(target);
        if (check.Problem is not null)
        {
            await Console.Error.WriteLineAsync($"备份文件校验失败：{check.Problem}");
            return 1;
        }
        LogBackedUp(logger, target, check.Articles);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Backup written: {target} ({new FileInfo(target).Length / 1024} KB, {check.Articles} stories, integrity ok)"));
        return 0;
    }

    public static async Task<int> RestoreAsync(IServiceProvider services, CommandLine command, ILogger logger)
    {
        if (Target(command) is not { } source)
        {
            await Console.Error.WriteLineAsync("用法：restore <备份文件路径>");
            return 2;
        }
        if (LiveConnectionString(services) is not { } live)
        {
            return 2;
        }
        if (!File.Exists(source))
        {
            await Console.Error.WriteLineAsync($"找不到备份文件：{source}");
            return 2;
        }
        var check = await CheckAsync(source);
        if (check.Problem is not null)
        {
            await Console.Error.WriteLineAsync($"备份文件不可用，未做任何改动：{check.Problem}");
            return 1;
        }

        var liveFile = new SqliteConnectionStringBuilder(live).DataSource;
        string? safety = null;
        if (File.Exists(liveFile))
        {
            safety = $"{liveFile}.before-restore-{DateTime.UtcNow:yyyyMMddHHmmss}";
            await using var current = new SqliteConnection(live);
            await current.OpenAsync();
            await using var vacuum = current.CreateCommand();
            vacuum.CommandText = "VACUUM INTO $target";
            vacuum.Parameters.AddWithValue("$target", safety);
            await vacuum.ExecuteNonQueryAsync();
        }
        await using (var from = new SqliteConnection(ReadOnly(source)))
        await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder(live) { Mode = SqliteOpenMode.ReadWriteCreate }.ToString()))
        {
            await from.OpenAsync();
            await to.OpenAsync();
            from.BackupDatabase(to);
        }
        SqliteConnection.ClearAllPools();
        var db = services.GetRequiredService<NewsDbContext>();
        await DatabaseStartup.MigrateAsync(db, logger);
        LogRestored(logger, source, check.Articles, safety ?? "(none)");
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Restored {source} ({check.Articles} stories). The previous database was kept as {safety ?? "(none: there was none)"}."));
        return 0;
    }

    private static string? Target(CommandLine command) =>
        command.VerbArgs.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    private static string? LiveConnectionString(IServiceProvider services)
    {
        var db = services.GetRequiredService<NewsDbContext>();
        if (!db.Database.IsSqlite())
        {
            Console.Error.WriteLine("backup 和 restore 只用于 SQLite；SQL Server 请使用 BACKUP DATABASE / RESTORE DATABASE（见 docs/database.md）。");
            return null;
        }
        return db.Database.GetConnectionString();
    }

    private static string ReadOnly(string file) =>
        new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();

    /// <summary>integrity_check, and that the file is this portal's database (its migrations history and stories table).</summary>
    private static async Task<(string? Problem, long Articles)> CheckAsync(string file)
    {
        try
        {
            await using var connection = new SqliteConnection(ReadOnly(file));
            await connection.OpenAsync();
            await using var integrity = connection.CreateCommand();
            integrity.CommandText = "PRAGMA integrity_check";
            var result = (string?)await integrity.ExecuteScalarAsync();
            if (result != "ok")
            {
                return ($"完整性检查未通过（{result}）", 0);
            }
            await using var tables = connection.CreateCommand();
            tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'Articles')";
            if ((long)(await tables.ExecuteScalarAsync())! != 2)
            {
                return ("这不是本系统的数据库文件", 0);
            }
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT count(*) FROM Articles";
            return (null, (long)(await count.ExecuteScalarAsync())!);
        }
        catch (SqliteException ex)
        {
            return ($"无法读取（{ex.Message}）", 0);
        }
    }

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Database backed up to {File} ({Articles} stories)")]
    private static partial void LogBackedUp(ILogger logger, string file, long articles);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Warning, Message = "Database restored from {File} ({Articles} stories); previous database kept as {Safety}")]
    private static partial void LogRestored(ILogger logger, string file, long articles, string safety);
}
