using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Media;
using CivilizationNews.Core.Search;
using CivilizationNews.Core.Sections;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Units;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CivilizationNews.Core.Tests.Search;

/// <summary>
/// A small known corpus in a migrated SQLite database: stories whose words sit in the headline, the
/// body, a caption or a unit name; near misses (愿意, 书香, 河东 and 书房 apart); and stories that
/// must never be found (a draft, a withdrawn story, one scheduled for later). Saved through
/// SaveChanges, so the search documents are written the way the newsroom writes them.
/// </summary>
public sealed class SearchCorpus : IDisposable
{
    public static readonly DateTime Now = new(2022, 1, 10, 4, 0, 0, DateTimeKind.Utc);

    public TestDatabase Database { get; } = new();
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(Now));
    public Dictionary<string, int> Ids { get; } = new(StringComparer.Ordinal);
    /// <summary>The searchable text of every story that search may return (published, due), by id.</summary>
    public Dictionary<int, string> PublicText { get; } = [];
    public int NewsSectionId { get; private set; }
    public int LifeSectionId { get; private set; }
    public int LibraryUnitId { get; private set; }

    private SearchCorpus()
    {
    }

    public static async Task<SearchCorpus> CreateAsync()
    {
        var corpus = new SearchCorpus();
        await corpus.SeedAsync();
        return corpus;
    }

    public NewsDbContext Context() => Database.CreateContext(tracking: false);

    public StorySearch Search(NewsDbContext db, ILogger<StorySearch>? logger = null) => new(db, Clock, logger ?? NullLogger<StorySearch>.Instance);

    /// <summary>Every hit id over all pages of a query.</summary>
    public async Task<List<int>> AllIdsAsync(SearchRequest request)
    {
        await using var db = Context();
        var ids = new List<int>();
        for (var page = 1; page <= StorySearch.MaxPage; page++)
        {
            var results = await Search(db).SearchAsync(request with { Page = page }, TestContext.Current.CancellationToken);
            ids.AddRange(results.Hits.Select(h => h.ArticleId));
            if (page >= results.PageCount)
            {
                break;
            }
        }
        return ids;
    }

    private async Task SeedAsync()
    {
        await using var db = await Database.CreateMigratedAsync();
        var news = new Section { Slug = "yaowen", Name = "要闻", SortOrder = 1 };
        var life = new Section { Slug = "minsheng", Name = "民生", SortOrder = 2 };
        var library = new Unit { Slug = "library", Name = "运城市图书馆", ShortName = "市图书馆", Kind = UnitKind.PublicInstitution };
        var volunteers = new Unit { Slug = "volunteers", Name = "河东区志愿服务联合会", ShortName = "区志联", Kind = UnitKind.PublicInstitution };
        var hospital = new Unit { Slug = "hospital", Name = "市中心医院", ShortName = "市中心医院", Kind = UnitKind.PublicInstitution };
        var edition = new Edition { Date = new DateOnly(2021, 12, 10), Number = 12105, IsPublished = true };
        var page = new EditionPage { Number = 5, Name = "专版" };
        edition.Pages.Add(page);
        var photo = new MediaItem
        {
            AltText = "读者在书房里看书", Caption = "市民在城南驿站阅读", ContentType = "image/jpeg", Width = 800, Height = 600, CreatedAt = Now,
        };
        db.AddRange(news, life, library, volunteers, hospital, edition, photo);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        NewsSectionId = news.Id;
        LifeSectionId = life.Id;
        LibraryUnitId = library.Id;

        var day = TimeSpan.FromDays(1);
        Add(db, "title-shufang", news, "河东书房飘出满城书香", "全市已建成河东书房32家，市民就近读书。", Now - 30 * day, unit: library, page: page);
        Add(db, "body-shufang", life, "城区新添阅读空间", "今年以来，河东书房又开了三家。每家书房都配有自助借还设备。", Now - 20 * day, unit: library);
        Add(db, "apart", life, "河东区举办冬季读书会", "活动在区文化馆举行，现场还布置了一间临时书房。", Now - 19 * day);
        Add(db, "volunteer-title", news, "志愿者走进敬老院", "周末，二十多名志愿者为老人包饺子、理发。", Now - 10 * day, unit: volunteers);
        Add(db, "volunteer-service", life, "志愿服务成为必修课", "机关干部利用休息时间参加志愿服务，累计服务时长三万小时。", Now - 9 * day, unit: volunteers);
        Add(db, "unit-only", life, "冬衣送到困难群众手中", "捐赠活动持续一周，共收到冬衣八百件。", Now - 8 * day, unit: volunteers);
        Add(db, "caption-only", life, "城南驿站开门迎客", "驿站提供热水、充电和休息座椅。", Now - 7 * day, photo: photo);
        Add(db, "near-miss", news, "市民愿意参与垃圾分类", "书香社区评选结果揭晓。", Now - 6 * day, unit: hospital);
        Add(db, "hospital", news, "市中心医院开设便民门诊", "刘思远在门诊现场介绍，医院将延长服务时间。", Now - 5 * day, unit: hospital);
        Add(db, "markup", life, "“A&B”读书角揭牌", "揭牌仪式上，主持人念出 <script> 标签般的暗号，引来一片笑声。书房里坐满了孩子。", Now - 4 * day);
        for (var i = 1; i <= 12; i++)
        {
            Add(db, $"civil-{i}", i % 2 == 0 ? news : life, $"文明创建进社区（{i}）", $"第{i}个社区开展文明创建宣传，居民踊跃参与。", Now - (40 + i) * day);
        }
        Add(db, "draft", news, "河东书房草稿", "志愿者草稿，不应被搜到。", null, status: ArticleStatus.Draft);
        Add(db, "withdrawn", news, "已撤回的河东书房稿件", "志愿者撤回稿。", Now - 3 * day, status: ArticleStatus.Withdrawn);
        Add(db, "future", news, "明天发布的河东书房稿件", "志愿者稿件尚未到发布时间。", Now + day);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        foreach (var (key, article) in _pending)
        {
            Ids[key] = article.Id;
            if (article.IsPublic(Now))
            {
                PublicText[article.Id] = _text[key];
            }
        }
    }

    private readonly List<(string Key, Article Article)> _pending = [];
    private readonly Dictionary<string, string> _text = new(StringComparer.Ordinal);

    private void Add(NewsDbContext db, string key, Section section, string title, string body, DateTime? publishedAt,
        Unit? unit = null, EditionPage? page = null, MediaItem? photo = null, ArticleStatus status = ArticleStatus.Published)
    {
        var article = new Article
        {
            Title = title, Body = body, Section = section, Status = status, PublishedAt = publishedAt,
            CreatedAt = Now - TimeSpan.FromDays(60), EditionPage = page,
        };
        if (unit is not null)
        {
            article.Units.Add(new ArticleUnit { Unit = unit, IsPrimary = true });
        }
        if (photo is not null)
        {
            article.Photos.Add(new ArticlePhoto { Media = photo });
        }
        db.Articles.Add(article);
        _pending.Add((key, article));
        _text[key] = string.Join('\n', title, body, unit?.Name, unit?.ShortName, photo?.Caption);
    }

    public void Dispose() => Database.Dispose();
}
