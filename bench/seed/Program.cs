using System.Diagnostics;
using System.Globalization;
using System.Text;
using CivilizationNews.Core;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Tags;
using CivilizationNews.Core.Time;
using CivilizationNews.Core.Units;
using CivilizationNews.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

// Grows a portal database (already holding the demo content: run the app's seed-demo verb first)
// to a realistic size for bench/run: --stories, --units and --editions are totals, not additions.
// Usage: dotnet run -c Release --project bench/seed -- --data <dir> [--stories 5000] [--units 50] [--editions 200]
var options = Args.Parse(args);
var watch = Stopwatch.StartNew();
var random = new Random(20211210);
var connection = DatabaseSetup.SqliteConnectionString(options.Data);
await using (var db = new SqliteNewsDbContext(new DbContextOptionsBuilder<SqliteNewsDbContext>().UseSqlite(connection, DatabaseSetup.ConfigureSqlite).Options))
{
    await db.Database.MigrateAsync();
    var sections = await db.Sections.Select(s => s.Id).ToListAsync();
    if (sections.Count == 0)
    {
        Console.Error.WriteLine("The database has no sections: run the app's seed-demo verb on it first.");
        return 2;
    }

    // Units: the demo's, then more in the same kinds until the total is reached.
    var unitCount = await db.Units.CountAsync();
    for (var i = unitCount; i < options.Units; i++)
    {
        var (name, shortName, kind) = Words.Unit(i, random);
        db.Units.Add(new Unit { Slug = $"bench-unit-{i}", Name = name, ShortName = shortName, Kind = kind, Description = Words.Paragraph(random, 3) });
    }
    await db.SaveChangesAsync();
    var units = await db.Units.Select(u => new { u.Id, u.ShortName }).ToListAsync();

    var contributors = await db.Contributors.Select(c => c.Id).ToListAsync();
    for (var i = contributors.Count; i < 40; i++)
    {
        db.Contributors.Add(new Contributor { Slug = $"bench-reporter-{i}", Name = Words.Person(i), UsualRole = CreditRole.Reporter });
    }
    var tagNames = await db.Tags.Select(t => t.Name).ToListAsync();
    foreach (var tag in Words.Tags.Except(tagNames))
    {
        db.Tags.Add(new Tag { Name = tag });
    }
    await db.SaveChangesAsync();
    contributors = await db.Contributors.Select(c => c.Id).ToListAsync();
    var tags = await db.Tags.Select(t => t.Id).ToListAsync();

    // Editions: one a day going back from the earliest, eight pages each.
    var editionCount = await db.Editions.CountAsync();
    var earliest = await db.Editions.MinAsync(e => (DateOnly?)e.Date) ?? new DateOnly(2021, 12, 10);
    var number = await db.Editions.MinAsync(e => (int?)e.Number) ?? 10000;
    for (var i = editionCount; i < options.Editions; i++)
    {
        earliest = earliest.AddDays(-1);
        var edition = new Edition { Date = earliest, Number = --number, IsPublished = true };
        for (var p = 1; p <= Words.PageNames.Length; p++)
        {
            edition.Pages.Add(new EditionPage { Number = p, Name = Words.PageNames[p - 1] });
        }
        db.Editions.Add(edition);
    }
    await db.SaveChangesAsync();
    var pages = await db.EditionPages.Select(p => new { p.Id, p.Edition!.Date }).OrderByDescending(p => p.Date).ToListAsync();

    // Stories: spread over the edition pages, about 1,500 characters each.
    var storyCount = await db.Articles.CountAsync();
    var created = 0;
    for (var i = storyCount; i < options.Stories; i++)
    {
        var page = pages[i % pages.Count];
        var unit = units[random.Next(units.Count)];
        var published = ChinaTime.ToUtc(page.Date.ToDateTime(new TimeOnly(6, 0)).AddMinutes(random.Next(600)));
        var article = new Article
        {
            Kicker = unit.ShortName, Title = Words.Headline(random, unit.ShortName), Subtitle = random.Next(3) == 0 ? Words.Subtitle(random) : null,
            Summary = Words.Sentence(random, unit.ShortName), Body = Words.Body(random, unit.ShortName), Dateline = "本报讯",
            Status = ArticleStatus.Published, PublishedAt = published, CreatedAt = published, SectionId = sections[random.Next(sections.Count)],
            EditionPageId = page.Id, PageOrder = 1 + i / pages.Count,
        };
        article.Units.Add(new ArticleUnit { UnitId = unit.Id, IsPrimary = true });
        var second = units[random.Next(units.Count)];
        if (second.Id != unit.Id && random.Next(3) == 0)
        {
            article.Units.Add(new ArticleUnit { UnitId = second.Id, SortOrder = 1 });
        }
        article.Credits.Add(new ArticleCredit { ContributorId = contributors[random.Next(contributors.Count)], Role = CreditRole.Reporter });
        if (random.Next(2) == 0)
        {
            article.Tags.Add(new ArticleTag { TagId = tags[random.Next(tags.Count)] });
        }
        db.Articles.Add(article);
        if (++created % 250 == 0)
        {
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            Console.Error.Write(string.Create(CultureInfo.InvariantCulture, $"\r{i + 1}/{options.Stories} stories"));
        }
    }
    await db.SaveChangesAsync();
    Console.Error.WriteLine();
    var (stories, unitTotal, editions) = (await db.Articles.CountAsync(), await db.Units.CountAsync(), await db.Editions.CountAsync());
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Database: {stories} stories, {unitTotal} units, {editions} editions ({watch.Elapsed.TotalSeconds:0} s)"));
}

if (options.MeasurePublish > 0)
{
    await PublishTiming.RunAsync(options.Data, options.MeasurePublish);
}
return 0;

/// <summary>
/// --measure-publish N: writes N stories and publishes each through the real workflow and save path, with the
/// app's services (search document, read-document invalidation, audit, and after the commit the story's own read
/// document), timing the publish alone; prints the median and the slowest.
/// The stories stay published (each under a bench unit), so run it on the bench database only.
/// </summary>
internal static class PublishTiming
{
    public static async Task RunAsync(string data, int count)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddNewsCore(new ConfigurationBuilder().Build(), new DatabaseOptions { SeedDemoContent = false }, data);
        await using var provider = services.BuildServiceProvider();
        var editor = new NewsroomUser("bench-editor", "基准测试编辑", new HashSet<string> { NewsRoles.Editor });
        var timings = new List<double>();
        for (var i = 0; i < count; i++)
        {
            int id;
            await using (var scope = provider.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<NewsDbContext>();
                var section = await db.Sections.Select(s => s.Id).FirstAsync();
                var unit = await db.Units.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
                var article = new Article
                {
                    Title = $"基准发布稿件 {i + 1}", Body = "正文第一段。\n\n正文第二段。", Dateline = "本报讯", Status = ArticleStatus.Approved,
                    SectionId = section, CreatedAt = DateTime.UtcNow, AuthorId = editor.Id,
                };
                article.Units.Add(new ArticleUnit { UnitId = unit, IsPrimary = true });
                db.Articles.Add(article);
                await db.SaveChangesAsync();
                id = article.Id;
            }
            await using (var scope = provider.CreateAsyncScope())
            {
                var workflow = scope.ServiceProvider.GetRequiredService<ArticleWorkflow>();
                var publish = Stopwatch.StartNew();
                var result = await workflow.MoveAsync(id, ArticleStatus.Published, editor, null);
                publish.Stop();
                if (result.Outcome != WorkflowOutcome.Done)
                {
                    throw new InvalidOperationException($"publish refused: {result.Message}");
                }
                timings.Add(publish.Elapsed.TotalMilliseconds);
            }
        }
        timings.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Publishing a story: median {timings[timings.Count / 2]:0.0} ms, slowest {timings[^1]:0.0} ms over {count} (first one included)"));
    }
}

internal sealed record Args(string Data, int Stories, int Units, int Editions, int MeasurePublish = 0)
{
    public static Args Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Number(string name, int fallback) => int.TryParse(Value(name), CultureInfo.InvariantCulture, out var n) ? n : fallback;
        var data = Value("--data") ?? throw new ArgumentException("--data <directory> is required");
        return new Args(Path.GetFullPath(data), Number("--stories", 5000), Number("--units", 50), Number("--editions", 200),
            Number("--measure-publish", 0));
    }
}

/// <summary>Varied newsroom Chinese built from parts, so that pages and feeds have realistic sizes and no two stories match.</summary>
internal static class Words
{
    public static readonly string[] PageNames = ["要闻", "综合", "文明创建", "城事", "民生", "经济", "文化", "副刊"];
    public static readonly string[] Tags = ["志愿服务", "文明创建", "营商环境", "乡村振兴", "城市更新", "民生实事", "文旅融合", "平安建设"];

    private static readonly (string Suffix, UnitKind Kind)[] Kinds =
    [
        ("局", UnitKind.PartyGovernment), ("委员会", UnitKind.PartyGovernment), ("中心", UnitKind.PublicInstitution), ("医院", UnitKind.Hospital),
        ("中学", UnitKind.School), ("小学", UnitKind.School), ("支行", UnitKind.Financial),
    ];
    private static readonly string[] Fields = ["交通运输", "自然资源", "生态环境", "住房保障", "市场监管", "农业农村", "应急管理", "退役军人事务", "医疗保障", "数据", "机关事务", "供销", "水务", "林业", "人防", "气象", "统计", "审计", "商务", "体育"];
    private static readonly string[] Places = ["盐湖区", "永济市", "河津市", "临猗县", "万荣县", "闻喜县", "稷山县", "新绛县", "绛县", "垣曲县", "夏县", "平陆县", "芮城县"];
    private static readonly string[] Actions = ["推进", "开展", "深化", "落实", "启动", "完成", "组织", "举办"];
    private static readonly string[] Topics = ["志愿服务进社区", "文明交通劝导", "政务服务提速", "城市书房建设", "老旧小区改造", "垃圾分类宣传", "义诊进乡村", "诚信经营承诺", "便民服务窗口", "背街小巷整治", "移风易俗宣讲", "学雷锋志愿活动"];
    private static readonly string[] Results = ["群众满意度明显提升", "服务时限平均缩短三成", "覆盖居民一万余户", "办结群众诉求两千余件", "参与干部职工五百余人次", "形成可复制的经验做法"];
    private static readonly string[] Openers = ["今年以来", "近日", "入冬以来", "连日来", "本月初", "自活动开展以来"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] Given = ["思远", "静怡", "建国", "晓燕", "志强", "雅婷", "海峰", "丽娟", "文博", "欣然", "国栋", "春梅"];

    public static (string Name, string ShortName, UnitKind Kind) Unit(int i, Random random)
    {
        var (suffix, kind) = Kinds[i % Kinds.Length];
        var field = Fields[i % Fields.Length];
        var place = Places[random.Next(Places.Length)];
        return kind switch
        {
            UnitKind.Hospital => ($"运城市{place}第{i}人民医院", $"{place}{i}院", kind),
            UnitKind.School => ($"运城市{place}第{i}{suffix}", $"{place}{i}{suffix}", kind),
            UnitKind.Financial => ($"运城{field}银行{place}{suffix}", $"{field}银行{place}{suffix}", kind),
            _ => ($"运城市{field}{suffix}（{i}）", $"市{field}{suffix}{i}", kind),
        };
    }

    public static string Person(int i) => Surnames[i % Surnames.Length] + Given[(i / Surnames.Length + i) % Given.Length];

    public static string Headline(Random random, string unit) =>
        $"{unit}{Pick(random, Actions)}{Pick(random, Topics)}";

    public static string Subtitle(Random random) => $"{Pick(random, Places)}{Pick(random, Topics)}见闻";

    public static string Sentence(Random random, string unit) =>
        $"{Pick(random, Openers)}，{unit}在{Pick(random, Places)}{Pick(random, Actions)}{Pick(random, Topics)}，{Pick(random, Results)}。";

    public static string Paragraph(Random random, int sentences)
    {
        var text = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            text.Append(Sentence(random, "各单位"));
        }
        return text.ToString();
    }

    public static string Body(Random random, string unit)
    {
        var body = new StringBuilder();
        while (body.Length < 1500)
        {
            if (body.Length > 0 && random.Next(4) == 0)
            {
                body.Append("## ").Append(Pick(random, Topics)).Append("\n\n");
            }
            for (var i = 0; i < 3; i++)
            {
                body.Append(Sentence(random, unit));
                body.Append(string.Create(CultureInfo.InvariantCulture, $"截至目前，累计投入资金{random.Next(12, 980)}万元，惠及群众{random.Next(3, 90)}00余人。"));
            }
            body.Append("\n\n");
        }
        return body.ToString().TrimEnd();
    }

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
}
