using System.Net;
using CivilizationNews.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Tests.Support;

/// <summary>
/// Two instances of the built portal as separate processes on one database, sharing one real Redis:
/// the several-instances layout of docs/deployment.md on one machine. The database is a copy of the
/// seeded SQLite template (WAL serves two processes), or, with CN_TEST_SQLSERVER set to a connection
/// string, a SQL Server database whose schema is deployed from the idempotent script
/// (docs/database.md) and which the seed-demo verb fills first.
/// </summary>
public sealed class TwoNodes : IAsyncDisposable
{
    public const string EditorEmail = "two-nodes@example.cn";
    public const string EditorPassword = "two-nodes-secret-2026";

    private readonly string _data;
    private readonly string[] _settings;

    private TwoNodes(string data, RedisServer redis, string[] settings)
    {
        _data = data;
        Redis = redis;
        _settings = settings;
    }

    public RedisServer Redis { get; }

    public AppProcess A { get; private set; } = default!;

    public AppProcess B { get; private set; } = default!;

    private static string? SqlServer => Environment.GetEnvironmentVariable("CN_TEST_SQLSERVER") is { Length: > 0 } s ? s : null;

    public static async Task<TwoNodes> StartAsync(params string[] settings)
    {
        var data = Directory.CreateTempSubdirectory("cn-two-nodes-").FullName;
        var redis = await RedisServer.StartAsync();
        string[] database = SqlServer is { } connection
            ? ["--Database:Provider=SqlServer", $"--Database:ConnectionString={connection}"]
            : [];
        var nodes = new TwoNodes(data, redis, [$"--OutputCache:Redis={redis.Configuration}", "--Scheduler:IntervalSeconds=1", .. database, .. settings]);
        if (SqlServer is null)
        {
            await TemplateDatabase.CopyToAsync(data);
        }
        else
        {
            await nodes.VerbAsync(null, "seed-demo");
        }
        await nodes.VerbAsync(EditorPassword, "create-user", "--email", EditorEmail, "--name", "双节点编辑", "--role", "编辑");
        nodes.A = await AppProcess.StartAsync(data, nodes._settings);
        nodes.B = await AppProcess.StartAsync(data, nodes._settings);
        return nodes;
    }

    /// <summary>A signed-in editor's session on <paramref name="node"/>.</summary>
    public static async Task<ProxiedSession> SignInAsync(AppProcess node)
    {
        var session = new ProxiedSession(node.BaseAddress);
        using var signIn = await session.PostFormAsync("/admin/account/login", "/admin/account/login",
            new() { ["Email"] = EditorEmail, ["Password"] = EditorPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return session;
    }

    /// <summary>Reads the shared database directly, as a third party would.</summary>
    public async Task<T> QueryAsync<T>(Func<NewsDbContext, Task<T>> query)
    {
        NewsDbContext db = SqlServer is { } connection
            ? new SqlServerNewsDbContext(new DbContextOptionsBuilder<SqlServerNewsDbContext>().UseSqlServer(connection).Options)
            : new SqliteNewsDbContext(new DbContextOptionsBuilder<SqliteNewsDbContext>()
                .UseSqlite(DatabaseSetup.SqliteConnectionString(_data)).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking).Options);
        await using (db)
        {
            return await query(db);
        }
    }

    private async Task VerbAsync(string? stdin, params string[] args)
    {
        var (code, _, stderr) = await AppProcess.RunVerbAsync(_data, stdin, [.. args, .. _settings.Where(s => s.StartsWith("--Database:", StringComparison.Ordinal))]);
        Assert.True(code == 0, $"{string.Join(' ', args)} failed: {stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        if (A is not null)
        {
            await A.DisposeAsync();
        }
        if (B is not null)
        {
            await B.DisposeAsync();
        }
        await Redis.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
