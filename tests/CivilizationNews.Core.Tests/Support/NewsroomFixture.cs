using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editing;
using CivilizationNews.Core.Sections;
using CivilizationNews.Core.Validation;
using CivilizationNews.Core.Workflow;
using Microsoft.Extensions.Time.Testing;

namespace CivilizationNews.Core.Tests.Support;

/// <summary>A migrated SQLite database with one section, a controllable clock and newsroom members.</summary>
public sealed class NewsroomFixture : IDisposable
{
    public TestDatabase Database { get; } = new();
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero));
    public int SectionId { get; private set; }

    /// <summary>The parsed read documents, shared by every read of the test as the app's singleton is by its requests.</summary>
    public CivilizationNews.Core.Reading.Documents.ReadDocumentCache Parsed { get; } = new(new());

    public static NewsroomUser Reporter { get; } = new("u-reporter", "刘思远", new HashSet<string> { NewsRoles.Reporter });
    public static NewsroomUser OtherReporter { get; } = new("u-reporter-2", "王磊", new HashSet<string> { NewsRoles.Reporter });
    public static NewsroomUser Editor { get; } = new("u-editor", "赵静怡", new HashSet<string> { NewsRoles.Editor });
    public static NewsroomUser SecondEditor { get; } = new("u-editor-2", "孙明阳", new HashSet<string> { NewsRoles.Editor });
    public static NewsroomUser Correspondent { get; } = new("u-corr", "张晓燕", new HashSet<string> { NewsRoles.Correspondent });

    public static async Task<NewsroomFixture> CreateAsync()
    {
        var fixture = new NewsroomFixture();
        await using var db = await fixture.Database.CreateMigratedAsync();
        var section = new Section { Slug = "wenming", Name = "文明创建", SortOrder = 1 };
        db.Sections.Add(section);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        fixture.SectionId = section.Id;
        return fixture;
    }

    public NewsDbContext Context() => Database.CreateContext(tracking: false);

    public ArticleDesk Desk(NewsDbContext db) => new(db, new AuditLog(db, Clock), Clock);

    public ArticleWorkflow Workflow(NewsDbContext db) => new(db, new AuditLog(db, Clock), Clock);

    public ArticleInput Input(string title, string body = "正文第一段。") => new()
    {
        Title = title, Body = body, SectionId = SectionId, Dateline = "本报讯",
    };

    public async Task<int> DraftAsync(NewsroomUser author, string title = "测试稿件")
    {
        await using var db = Context();
        var result = await Desk(db).CreateAsync(Input(title), author, TestContext.Current.CancellationToken);
        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        return result.ArticleId;
    }

    /// <summary>Writes a story as an editor and takes it through review to 已发布 at the clock's time.</summary>
    public async Task<int> PublishedAsync(string title, string body = "正文第一段。", IReadOnlyList<int>? unitIds = null)
    {
        await using var db = Context();
        var created = await Desk(db).CreateAsync(Input(title, body) with { UnitIds = unitIds ?? [] }, Editor, TestContext.Current.CancellationToken);
        Assert.Equal(SaveOutcome.Saved, created.Outcome);
        foreach (var to in new[] { ArticleStatus.Submitted, ArticleStatus.Approved, ArticleStatus.Published })
        {
            await using var step = Context();
            var moved = await Workflow(step).MoveAsync(created.ArticleId, to, Editor, null, cancellationToken: TestContext.Current.CancellationToken);
            Assert.Equal(WorkflowOutcome.Done, moved.Outcome);
        }
        return created.ArticleId;
    }

    public async Task<ArticleStatus> StatusAsync(int id)
    {
        await using var db = Context();
        return db.Articles.Where(a => a.Id == id).Select(a => a.Status).Single();
    }

    public void Dispose()
    {
        Parsed.Dispose();
        Database.Dispose();
    }
}
