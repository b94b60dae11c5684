using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Reading.Documents;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Units;
using CivilizationNews.Core.Validation;
using CivilizationNews.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CivilizationNews.Core.Tests.Reading.Documents;

/// <summary>
/// The home page, the unit directory, unit profiles, section lists and e-paper pages are read from stored documents, and every save that
/// changes what one of them shows deletes it in the same transaction (by the pages' output-cache tags): what a
/// reader gets is what the tables give, through publish, edit, withdraw, delete and unit renames; a page read
/// while a save commits is not kept; an old document is built again.
/// </summary>
public sealed class PageDocumentsTests
{
    private const string Slug = "shi-tushuguan";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PageDocuments Documents(NewsroomFixture f, NewsDbContext db) => new(db, f.Clock, f.Parsed, new SeenGeneration(), NullLogger<PageDocuments>.Instance);

    private static HomeReader Home(NewsroomFixture f, NewsDbContext db) =>
        new(db, new FeatureReader(db, f.Clock), new EditionReader(db, f.Clock), f.Clock);

    private static UnitReader Units(NewsroomFixture f, NewsDbContext db) => new(db, new ListReader(db, f.Clock), f.Clock);

    private static async Task<HomeView> ReadHomeAsync(NewsroomFixture f)
    {
        await using var db = f.Context();
        return (await Documents(f, db).HomeAsync(Home(f, db), Ct))!;
    }

    private static async Task<UnitProfile?> ReadUnitAsync(NewsroomFixture f, int page = 1) => (await ReadUnitPageAsync(f, page))?.Unit;

    private static async Task<UnitProfilePage?> ReadUnitPageAsync(NewsroomFixture f, int page = 1)
    {
        await using var db = f.Context();
        return await Documents(f, db).UnitProfileAsync(Units(f, db), new MarkdownRenderer(), Slug, page, Ct);
    }

    private static async Task<IReadOnlyList<UnitGroup>> ReadDirectoryAsync(NewsroomFixture f)
    {
        await using var db = f.Context();
        return (await Documents(f, db).UnitDirectoryAsync(Units(f, db), Ct))!;
    }

    private static async Task<SectionPage?> ReadSectionAsync(NewsroomFixture f)
    {
        await using var db = f.Context();
        return await Documents(f, db).SectionAsync(new ListReader(db, f.Clock), "wenming", 1, Ct);
    }

    private static string Json<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.Serialize(value, type);

    /// <summary>Every page read through its document equals the page the readers build from the tables now.</summary>
    private static async Task AssertCurrentAsync(NewsroomFixture f)
    {
        HomeView truthHome;
        UnitProfile? truthUnit;
        IReadOnlyList<UnitGroup> truthDirectory;
        SectionPage? truthSection;
        await using (var db = f.Context())
        {
            truthSection = await new ListReader(db, f.Clock).SectionAsync("wenming", 1, Ct);
            truthHome = await Home(f, db).GetAsync(Ct);
            truthUnit = await Units(f, db).ProfileAsync(Slug, 1, Ct);
            truthDirectory = await Units(f, db).DirectoryAsync(Ct);
        }
        Assert.Equal(Json(truthHome, PageDocumentJson.Default.HomeView), Json(await ReadHomeAsync(f), PageDocumentJson.Default.HomeView));
        var unit = await ReadUnitAsync(f);
        Assert.Equal(truthUnit is null, unit is null);
        if (truthUnit is not null)
        {
            Assert.Equal(Json(truthUnit, PageDocumentJson.Default.UnitProfile), Json(unit!, PageDocumentJson.Default.UnitProfile));
        }
        Assert.Equal(Json(truthDirectory, PageDocumentJson.Default.IReadOnlyListUnitGroup),
            Json(await ReadDirectoryAsync(f), PageDocumentJson.Default.IReadOnlyListUnitGroup));
        Assert.Equal(Json(truthSection!, PageDocumentJson.Default.SectionPage), Json((await ReadSectionAsync(f))!, PageDocumentJson.Default.SectionPage));
    }

    private static async Task<int> StoredAsync(NewsroomFixture f)
    {
        await using var db = f.Context();
        return await db.PageDocuments.CountAsync(Ct);
    }

    private static async Task<int> UnitAsync(NewsroomFixture f)
    {
        await using var db = f.Context();
        var unit = new Unit { Slug = Slug, Name = "市图书馆", ShortName = "图书馆", Kind = UnitKind.PublicInstitution };
        db.Units.Add(unit);
        await db.SaveChangesAsync(Ct);
        return unit.Id;
    }

    private static async Task<int> PublishLaterAsync(NewsroomFixture f, string title, int unitId)
    {
        f.Clock.Advance(TimeSpan.FromMinutes(5));
        return await f.PublishedAsync(title, "正文第一段。", [unitId]);
    }

    /// <summary>Changes a title behind the save path's back: a page that still shows the old title came from its document.</summary>
    private static async Task RetitleBehindTheSavePathAsync(NewsroomFixture f, int id, string title)
    {
        await using var db = f.Context();
        await db.Articles.Where(a => a.Id == id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Title, title), Ct);
    }

    [Fact]
    public async Task The_home_page_and_unit_pages_are_served_from_documents_and_a_publish_replaces_them()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var unitId = await UnitAsync(f);
        var first = await PublishLaterAsync(f, "图书馆延长开放时间", unitId);

        await AssertCurrentAsync(f);
        Assert.Equal(4, await StoredAsync(f));
        await using (var db = f.Context())
        {
            // Stored as the characters themselves, not \uXXXX escapes.
            Assert.Contains("图书馆延长开放时间", await db.PageDocuments.Where(d => d.Key == "home/1").Select(d => d.Json).SingleAsync(Ct), StringComparison.Ordinal);
        }
        await RetitleBehindTheSavePathAsync(f, first, "绕过保存路径的标题");
        Assert.Equal("图书馆延长开放时间", (await ReadHomeAsync(f)).Latest[0].Title);
        Assert.Equal("图书馆延长开放时间", (await ReadSectionAsync(f))!.Articles.Items[0].Title);
        Assert.Equal("图书馆延长开放时间", (await ReadUnitAsync(f))!.Coverage.Items[0].Title);

        // Through the save path, the next reader of each page gets the new story (and, built again, the retitled one).
        var second = await PublishLaterAsync(f, "图书馆开设少儿阅览室", unitId);
        Assert.Equal(0, await StoredAsync(f));
        await AssertCurrentAsync(f);
        Assert.Equal([second, first], (await ReadHomeAsync(f)).Latest.Select(c => c.Id));
        Assert.Equal(2, (await ReadUnitAsync(f))!.Coverage.TotalCount);
        Assert.Equal(2, (await ReadDirectoryAsync(f)).SelectMany(g => g.Units).Single(u => u.Slug == Slug).StoryCount);
    }

    [Fact]
    public async Task Edit_withdraw_delete_and_a_unit_rename_reach_every_stored_page()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var unitId = await UnitAsync(f);
        var a = await PublishLaterAsync(f, "甲：图书馆办读书节", unitId);
        var b = await PublishLaterAsync(f, "乙：图书馆志愿者招募", unitId);
        var c = await PublishLaterAsync(f, "丙：图书馆古籍修复展", unitId);
        await AssertCurrentAsync(f);

        // An edit.
        await using (var db = f.Context())
        {
            var form = await db.Articles.Where(x => x.Id == b).Select(x => new { x.Version, x.Body }).SingleAsync(Ct);
            var saved = await f.Desk(db).UpdateAsync(b, f.Input("乙：图书馆招募百名志愿者", form.Body) with { UnitIds = [unitId] }, form.Version,
                NewsroomFixture.Editor, cancellationToken: Ct);
            Assert.Equal(SaveOutcome.Saved, saved.Outcome);
        }
        await AssertCurrentAsync(f);
        Assert.Contains((await ReadUnitAsync(f))!.Coverage.Items, i => i.Title == "乙：图书馆招募百名志愿者");

        // A withdrawal.
        await using (var db = f.Context())
        {
            Assert.Equal(WorkflowOutcome.Done, (await f.Workflow(db).MoveAsync(c, ArticleStatus.Withdrawn, NewsroomFixture.Editor, "核实中", cancellationToken: Ct)).Outcome);
        }
        await AssertCurrentAsync(f);
        Assert.DoesNotContain(c, (await ReadHomeAsync(f)).Latest.Select(x => x.Id));
        Assert.Equal(2, (await ReadUnitAsync(f))!.Coverage.TotalCount);

        // The unit renamed: its profile, the directory and the home page's units in the news.
        await using (var db = f.Context())
        {
            var unit = await db.Units.AsTracking().SingleAsync(u => u.Id == unitId, Ct);
            unit.Name = "河东市图书馆";
            unit.ShortName = "河东图书馆";
            unit.Description = "全年接待读者**四十万**人次。<script>alert(1)</script>";
            await db.SaveChangesAsync(Ct);
        }
        await AssertCurrentAsync(f);
        Assert.Equal("河东市图书馆", (await ReadUnitAsync(f))!.Name);
        // The description is rendered and sanitized into the document, read after read.
        for (var read = 0; read < 2; read++)
        {
            var description = (await ReadUnitPageAsync(f))!.Description.Value;
            Assert.Contains("<strong>四十万</strong>", description, StringComparison.Ordinal);
            Assert.DoesNotContain("<script", description, StringComparison.Ordinal);
        }
        Assert.Contains((await ReadHomeAsync(f)).Units, u => u.ShortName == "河东图书馆");

        // A story deleted outright.
        await using (var db = f.Context())
        {
            db.Articles.Remove(await db.Articles.AsTracking().SingleAsync(x => x.Id == a, Ct));
            await db.SaveChangesAsync(Ct);
        }
        await AssertCurrentAsync(f);
        Assert.Equal([b], (await ReadUnitAsync(f))!.Coverage.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task A_page_read_while_a_save_commits_is_not_kept_as_the_document()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var unitId = await UnitAsync(f);
        await PublishLaterAsync(f, "先发的稿件", unitId);

        // The reader has read the page; before it stores it, a publish commits.
        HomeView? read;
        await using (var db = f.Context())
        {
            var reader = Home(f, db);
            read = await Documents(f, db).GetAsync("home/1", PageDocumentJson.Default.HomeView, async token =>
            {
                var page = await reader.GetAsync(token);
                await PublishLaterAsync(f, "读取期间发布的稿件", unitId);
                return page;
            }, _ => [Caching.ContentTags.Home], Ct);
        }
        Assert.DoesNotContain(read!.Latest, c => c.Title == "读取期间发布的稿件");
        // Not kept: the next reader builds the page again and sees the story.
        Assert.Equal(0, await StoredAsync(f));
        Assert.Equal("读取期间发布的稿件", (await ReadHomeAsync(f)).Latest[0].Title);
    }

    [Fact]
    public async Task An_expired_or_unreadable_document_is_built_again()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var unitId = await UnitAsync(f);
        var id = await PublishLaterAsync(f, "原来的标题", unitId);
        await ReadHomeAsync(f);
        await RetitleBehindTheSavePathAsync(f, id, "后来的标题");
        Assert.Equal("原来的标题", (await ReadHomeAsync(f)).Latest[0].Title);

        f.Clock.Advance(PageDocuments.MaxAge);
        Assert.Equal("后来的标题", (await ReadHomeAsync(f)).Latest[0].Title);

        await using (var db = f.Context())
        {
            // A document another build wrote (another stamp) that this build cannot read.
            await db.PageDocuments.ExecuteUpdateAsync(s => s.SetProperty(d => d.Json, "{\"Latest\": 42").SetProperty(d => d.Generation, d => d.Generation + 1), Ct);
        }
        await RetitleBehindTheSavePathAsync(f, id, "第三个标题");
        Assert.Equal("第三个标题", (await ReadHomeAsync(f)).Latest[0].Title);
    }

    [Fact]
    public async Task An_e_paper_page_follows_its_stories_and_a_page_rename()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var unitId = await UnitAsync(f);
        var a = await PublishLaterAsync(f, "版面上的第一篇", unitId);
        var b = await PublishLaterAsync(f, "版面上的第二篇", unitId);
        var day = new DateOnly(2021, 12, 10);
        int pageId;
        await using (var db = f.Context())
        {
            var page = new EditionPage { Edition = new Edition { Date = day, Number = 1234, IsPublished = true }, Number = 5, Name = "专版" };
            db.EditionPages.Add(page);
            await db.SaveChangesAsync(Ct);
            pageId = page.Id;
            foreach (var (id, order) in new[] { (a, 1), (b, 2) })
            {
                var article = await db.Articles.AsTracking().SingleAsync(x => x.Id == id, Ct);
                article.EditionPageId = pageId;
                article.PageOrder = order;
                await db.SaveChangesAsync(Ct);
            }
        }

        async Task<EditionPageView?> ReadAsync()
        {
            await using var db = f.Context();
            return await Documents(f, db).EditionPageAsync(new EditionReader(db, f.Clock), day, 5, Ct);
        }
        async Task AssertPageCurrentAsync()
        {
            EditionPageView? truth;
            await using (var db = f.Context())
            {
                truth = await new EditionReader(db, f.Clock).PageAsync(day, 5, Ct);
            }
            Assert.Equal(Json(truth!, PageDocumentJson.Default.EditionPageView), Json((await ReadAsync())!, PageDocumentJson.Default.EditionPageView));
        }

        await AssertPageCurrentAsync();
        Assert.Equal([a, b], (await ReadAsync())!.Stories.Select(s => s.Id));
        await using (var db = f.Context())
        {
            Assert.Equal(WorkflowOutcome.Done, (await f.Workflow(db).MoveAsync(b, ArticleStatus.Withdrawn, NewsroomFixture.Editor, "核实中", cancellationToken: Ct)).Outcome);
        }
        await AssertPageCurrentAsync();
        Assert.Equal([a], (await ReadAsync())!.Stories.Select(s => s.Id));
        await using (var db = f.Context())
        {
            var page = await db.EditionPages.AsTracking().SingleAsync(p => p.Id == pageId, Ct);
            page.Name = "文明创建专版";
            await db.SaveChangesAsync(Ct);
        }
        await AssertPageCurrentAsync();
        Assert.Equal("文明创建专版", (await ReadAsync())!.PageName);
    }

    [Fact]
    public async Task A_unit_or_page_that_does_not_exist_stores_nothing()
    {
        using var f = await NewsroomFixture.CreateAsync();
        var unitId = await UnitAsync(f);
        await PublishLaterAsync(f, "只有一页的单位", unitId);
        Assert.Null(await ReadUnitAsync(f, page: 2));
        await using (var db = f.Context())
        {
            Assert.Null(await Documents(f, db).UnitProfileAsync(Units(f, db), new MarkdownRenderer(), "no-such-unit", 1, Ct));
        }
        Assert.Equal(0, await StoredAsync(f));
    }
}
