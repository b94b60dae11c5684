using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Importing;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Units;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Tests.Importing;

/// <summary>The review screen's decisions reach the database: unit choices, new units, and the one-time batch key.</summary>
public sealed class DraftCreatorTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Day = new(2021, 12, 10);

    private static ImportedArticle Story(string? kicker, string title) =>
        new(kicker, title, null, "本报讯", null, null, [new ImportedSection(null, [title + "的正文。"])]);

    private static ImportResult Page(params ImportedArticle[] articles) => new(articles, [], null, []);

    private static DraftCreator Creator(NewsroomFixture fixture, NewsDbContext db) => new(db, new AuditLog(db, fixture.Clock), fixture.Clock);

    private static async Task<int> UnitAsync(NewsroomFixture fixture, string name, string shortName)
    {
        await using var db = fixture.Context();
        var unit = new Unit { Slug = "u" + Guid.NewGuid().ToString("N")[..8], Name = name, ShortName = shortName, UpdatedAt = DateTime.UtcNow, Version = Guid.NewGuid() };
        db.Units.Add(unit);
        await db.SaveChangesAsync(Ct);
        return unit.Id;
    }

    [Fact]
    public async Task Unit_choices_link_existing_units_and_create_one_unit_per_new_kicker()
    {
        using var fixture = await NewsroomFixture.CreateAsync();
        var bureau = await UnitAsync(fixture, "运城市人力资源和社会保障局", "市人社局");
        var page = Page(Story("市人社局", "甲"), Story("市第一人民医院", "乙"), Story("市第一人民医院", "丙"), Story("聚力创建", "丁"));
        var request = new DraftImportRequest(Day, 3, "专版", fixture.SectionId)
        {
            Units = [UnitChoice.Existing(bureau), UnitChoice.NewFromKicker, UnitChoice.NewFromKicker, UnitChoice.None],
        };

        await using (var db = fixture.Context())
        {
            var result = await Creator(fixture, db).CreateAsync(page, request, NewsroomFixture.Editor, Ct);
            Assert.Single(result.CreatedUnitIds);
        }

        await using var check = fixture.Context();
        var links = await check.Articles.OrderBy(a => a.PageOrder)
            .Select(a => new { a.Title, a.Status, Units = a.Units.Select(u => u.Unit!.Name).ToList() }).ToListAsync(Ct);
        Assert.Equal(["甲", "乙", "丙", "丁"], links.Select(l => l.Title));
        Assert.All(links, l => Assert.Equal(ArticleStatus.Draft, l.Status));
        Assert.Equal(["运城市人力资源和社会保障局"], links[0].Units);
        Assert.Equal(["市第一人民医院"], links[1].Units);
        Assert.Equal(["市第一人民医院"], links[2].Units);
        Assert.Empty(links[3].Units);
        var created = await check.Units.SingleAsync(u => u.Name == "市第一人民医院", Ct);
        Assert.Equal(UnitKind.Other, created.Kind);
        Assert.Equal("市第一人民医院", created.ShortName);
        Assert.Equal(1, await check.AuditEntries.CountAsync(e => e.Action == "unit.create", Ct));
    }

    [Fact]
    public async Task A_unit_that_no_longer_exists_refuses_the_whole_page()
    {
        using var fixture = await NewsroomFixture.CreateAsync();
        var request = new DraftImportRequest(Day, 3, null, fixture.SectionId)
        {
            Units = [UnitChoice.NewFromKicker, UnitChoice.Existing(999_999)],
            BatchKey = Guid.NewGuid().ToString("N"),
        };

        await using (var db = fixture.Context())
        {
            var ex = await Assert.ThrowsAsync<ImportProposalException>(() =>
                Creator(fixture, db).CreateAsync(Page(Story("市供水公司", "甲"), Story(null, "乙")), request, NewsroomFixture.Editor, Ct));
            Assert.Contains("所选的单位已不存在", ex.Message, StringComparison.Ordinal);
        }

        await using var check = fixture.Context();
        Assert.Equal(0, await check.Articles.CountAsync(Ct));
        Assert.Equal(0, await check.Units.CountAsync(Ct));
        Assert.Equal(0, await check.Editions.CountAsync(Ct));
        Assert.Equal(0, await check.AuditEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task The_same_batch_key_creates_the_drafts_once()
    {
        using var fixture = await NewsroomFixture.CreateAsync();
        var page = Page(Story(null, "甲"), Story(null, "乙"));
        var request = new DraftImportRequest(Day, 3, null, fixture.SectionId) { BatchKey = Guid.NewGuid().ToString("N") };

        DraftImportResult first;
        DraftImportResult second;
        await using (var db = fixture.Context())
        {
            first = await Creator(fixture, db).CreateAsync(page, request, NewsroomFixture.Editor, Ct);
        }
        await using (var db = fixture.Context())
        {
            second = await Creator(fixture, db).CreateAsync(page, request, NewsroomFixture.SecondEditor, Ct);
        }

        Assert.False(first.AlreadyCreated);
        Assert.True(second.AlreadyCreated);
        Assert.Equal(first.ArticleIds, second.ArticleIds);
        Assert.Equal(first.EditionPageId, second.EditionPageId);
        await using var check = fixture.Context();
        Assert.Equal(2, await check.Articles.CountAsync(Ct));
        Assert.Equal(1, await check.AuditEntries.CountAsync(e => e.Action == DraftCreator.BatchAction, Ct));
        var found = await Creator(fixture, check).FindBatchAsync(request.BatchKey!, Ct);
        Assert.Equal(first.ArticleIds, found!.ArticleIds);
        Assert.Null(await Creator(fixture, check).FindBatchAsync(Guid.NewGuid().ToString("N"), Ct));
    }

    [Fact]
    public async Task Choices_must_match_the_articles()
    {
        using var fixture = await NewsroomFixture.CreateAsync();
        await using var db = fixture.Context();
        var request = new DraftImportRequest(Day, 3, null, fixture.SectionId) { Units = [UnitChoice.None] };

        await Assert.ThrowsAsync<ImportProposalException>(() =>
            Creator(fixture, db).CreateAsync(Page(Story(null, "甲"), Story(null, "乙")), request, NewsroomFixture.Editor, Ct));
        Assert.Equal(0, await db.Articles.CountAsync(Ct));
    }
}
