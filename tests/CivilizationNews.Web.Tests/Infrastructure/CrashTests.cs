using System.Net;
using CivilizationNews.Core.Data;
using CivilizationNews.Web.Tests.Support;
using Microsoft.Data.Sqlite;

namespace CivilizationNews.Web.Tests.Infrastructure;

/// <summary>
/// The portal as a separate process: a story saved through the admin survives kill -9, the database
/// passes integrity_check afterwards, and the sign-in survives the restart (keys in the database).
/// </summary>
public sealed class CrashTests
{
    private const string Password = "crash-test-secret-2026";

    [Fact]
    public async Task A_saved_story_survives_kill_9_and_the_database_stays_intact()
    {
        var data = Directory.CreateTempSubdirectory("cn-crash-").FullName;
        await TemplateDatabase.CopyToAsync(data);
        var (code, _, stderr) = await AppProcess.RunVerbAsync(data, Password, "create-user", "--email", "night@example.cn", "--name", "夜班编辑", "--role", "编辑");
        Assert.True(code == 0, stderr);

        int id;
        IReadOnlyDictionary<string, string> cookies;
        await using (var app = await AppProcess.StartAsync(data))
        {
            using var session = new ProxiedSession(app.BaseAddress);
            using (var signIn = await session.PostFormAsync("/admin/account/login", "/admin/account/login",
                new() { ["Email"] = "night@example.cn", ["Password"] = Password }))
            {
                Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            }
            using var created = await session.PostFormAsync("/admin/articles/create", "/admin/articles/create", new()
            {
                ["Title"] = "深夜截稿前保存的稿件", ["Kicker"] = "夜班", ["Dateline"] = "本报讯",
                ["Body"] = "这篇稿件在保存之后，服务进程立即被强制结束。", ["SectionId"] = "1", ["PageOrder"] = "1",
            });
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            id = int.Parse(created.Headers.Location!.OriginalString.Split('/')[3], System.Globalization.CultureInfo.InvariantCulture);
            cookies = new Dictionary<string, string>(session.Cookies);

            // Straight after the save returned: no graceful shutdown, no checkpoint.
            await app.KillAsync();
        }

        await using (var app = await AppProcess.StartAsync(data))
        {
            using var session = new ProxiedSession(app.BaseAddress);
            session.UseCookies(cookies);
            using var edit = await session.SendAsync(HttpMethod.Get, $"/admin/articles/{id}/edit");
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
            Assert.Contains("深夜截稿前保存的稿件", await edit.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            await app.KillAsync();
        }

        SqliteConnection.ClearAllPools();
        await using var connection = new SqliteConnection(DatabaseSetup.SqliteConnectionString(data) + ";Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", (string?)await check.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        await using var find = connection.CreateCommand();
        find.CommandText = "SELECT Title FROM Articles WHERE Id = $id";
        find.Parameters.AddWithValue("$id", id);
        Assert.Equal("深夜截稿前保存的稿件", (string?)await find.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Kestrel_passes_malformed_targets_to_the_Chinese_pages_never_a_500()
    {
        var data = Directory.CreateTempSubdirectory("cn-raw-").FullName;
        await TemplateDatabase.CopyToAsync(data);
        await using var app = await AppProcess.StartAsync(data);
        foreach (var target in new[] { "/tag/%ZZ", "/unit/%C0%AF", "/section/%E4%B8", "/article/%FF", "/epaper/2021-12-10/%", "/section/wenming?page=%ZZ%ZZ" })
        {
            var (status, body) = await app.RawGetAsync(target);
            Assert.True(status is 400 or 404, $"{target} answered {status}");
            Assert.Contains("lang=\"zh-CN\"", body, StringComparison.Ordinal);
        }
        var (health, _) = await app.RawGetAsync("/health/live");
        Assert.Equal(200, health);
    }
}
