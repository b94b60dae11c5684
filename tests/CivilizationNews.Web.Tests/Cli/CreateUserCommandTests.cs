using CivilizationNews.Core.Data;
using CivilizationNews.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Tests.Cli;

public sealed class CreateUserCommandTests
{
    [Fact]
    public async Task Creates_an_account_with_the_password_from_standard_input()
    {
        var data = Directory.CreateTempSubdirectory("cn-cli-").FullName;

        var (code, stdout, stderr) = await AppProcess.RunVerbAsync(data, "a-long-secret-2026", "create-user", "--email", "chief@example.cn", "--name", "总编辑", "--role", "管理员");
        var weak = await AppProcess.RunVerbAsync(data, "short", "create-user", "--email", "x@example.cn", "--name", "某人", "--role", "编辑");

        Assert.True(code == 0, stderr);
        Assert.DoesNotContain("a-long-secret-2026", stdout + stderr, StringComparison.Ordinal);
        Assert.Equal(1, weak.ExitCode);
        Assert.Contains("密码至少需要12位", weak.StdErr, StringComparison.Ordinal);
        await using var db = new SqliteNewsDbContext(new DbContextOptionsBuilder<SqliteNewsDbContext>()
            .UseSqlite(DatabaseSetup.SqliteConnectionString(data) + ";Pooling=False").Options);
        var user = await db.Users.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("总编辑", user.DisplayName);
        Assert.NotEqual("a-long-secret-2026", user.PasswordHash);
        Assert.Equal("Admin", await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name).SingleAsync(TestContext.Current.CancellationToken));
        SqliteConnection.ClearAllPools();
    }
}
