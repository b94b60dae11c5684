using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Tests.Support;

namespace CivilizationNews.Core.Tests.Auditing;

public sealed class AuditReaderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<NewsroomFixture> LogAsync(int articleEntries)
    {
        var fixture = await NewsroomFixture.CreateAsync();
        await using var db = fixture.Context();
        var audit = new AuditLog(db, fixture.Clock);
        db.Users.Add(new NewsUser { Id = "u-editor", UserName = "e@example.cn", Email = "e@example.cn", DisplayName = "赵静怡" });
        for (var i = 1; i <= articleEntries; i++)
        {
            audit.Record(NewsroomFixture.Editor.Actor, "article.update", "Article", i, $"第 {i} 篇");
        }
        audit.Record(AuditActor.System, "article.publish", "Article", 1);
        audit.Record(NewsroomFixture.Reporter.Actor, "unit.create", "Unit", 7, "市中心医院");
        audit.Record(NewsroomFixture.Editor.Actor, "user.lock", "User", "87d890bd-5f8e-4a7c-9d7f-4bd0b1f2a001");
        await db.SaveChangesAsync(Ct);
        return fixture;
    }

    [Fact]
    public async Task Newest_first_filtered_by_action_prefix_and_by_user_or_the_system()
    {
        using var fixture = await LogAsync(3);
        await using var db = fixture.Context();
        var reader = new AuditReader(db);

        var all = await reader.ListAsync(null, null, 1, Ct);
        var articles = await reader.ListAsync(" article. ", null, 1, Ct);
        var byEditor = await reader.ListAsync(null, "u-editor", 1, Ct);
        var bySystem = await reader.ListAsync("article.", AuditReader.SystemUser, 1, Ct);

        Assert.Equal(["user.lock", "unit.create", "article.publish", "article.update", "article.update", "article.update"], all.Rows.Items.Select(r => r.Action));
        Assert.Equal(6, all.Rows.TotalCount);
        Assert.Equal("article.", articles.Action);
        Assert.Equal(4, articles.Rows.TotalCount);
        Assert.All(articles.Rows.Items, r => Assert.StartsWith("article.", r.Action, StringComparison.Ordinal));
        Assert.Equal(4, byEditor.Rows.TotalCount);
        Assert.All(byEditor.Rows.Items, r => Assert.Equal("赵静怡", r.UserName));
        Assert.Equal(("article.publish", "系统"), (Assert.Single(bySystem.Rows.Items).Action, bySystem.Rows.Items[0].UserName));
        Assert.Equal([("u-editor", "赵静怡（e@example.cn）")], all.Users.Select(u => (u.Id, u.Label)));
    }

    [Fact]
    public async Task A_prefix_too_long_to_name_an_action_is_shown_but_not_applied()
    {
        using var fixture = await LogAsync(1);
        await using var db = fixture.Context();

        var listing = await new AuditReader(db).ListAsync(new string('a', AuditReader.MaxActionLength + 1), "  ", 1, Ct);

        Assert.Equal(new string('a', AuditReader.MaxActionLength + 1), listing.Action);
        Assert.Null(listing.User);
        Assert.Equal(4, listing.Rows.TotalCount);
    }

    [Fact]
    public async Task The_log_pages_by_fifty_and_names_each_subject()
    {
        using var fixture = await LogAsync(AuditReader.PageSize + 2);
        await using var db = fixture.Context();
        var reader = new AuditReader(db);

        var first = await reader.ListAsync(null, null, 1, Ct);
        var second = await reader.ListAsync(null, null, 2, Ct);
        var beyond = await reader.ListAsync(null, null, 9, Ct);

        Assert.Equal((AuditReader.PageSize, 2, AuditReader.PageSize + 5), (first.Rows.Items.Count, first.Rows.PageCount, first.Rows.TotalCount));
        Assert.Equal(5, second.Rows.Items.Count);
        Assert.Equal("稿件 #1", second.Rows.Items[^1].Subject);
        Assert.Equal("账号 87d890bd…", first.Rows.Items[0].Subject);
        Assert.Equal("单位 #7", first.Rows.Items[1].Subject);
        Assert.Empty(beyond.Rows.Items);
    }
}
