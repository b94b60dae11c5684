using System.Diagnostics;
using System.Globalization;
using CivilizationNews.Bench.Search;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Media;
using CivilizationNews.Core.Search;
using CivilizationNews.Core.Sections;
using CivilizationNews.Core.Units;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

// dotnet run -c Release --project bench/search -- --stories 100000 [--rounds 30] [--keep]
// Generates the stories, builds the index with the reindex code (SearchIndexer.RebuildAsync), and
// measures StorySearch (the /search page's whole query: count, rank, page, snippets) per query class.

var stories = Option("--stories", 100_000);
var rounds = Option("--rounds", 30);
var keep = args.Contains("--keep");
// --reuse DIR: measure the queries again on a database a --keep run left behind.
var reuse = Array.IndexOf(args, "--reuse") is var r and >= 0 && r + 1 < args.Length ? args[r + 1] : null;
var directory = reuse ?? Path.Combine(Path.GetTempPath(), "cn-search-bench", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
Directory.CreateDirectory(directory);
var options = new DbContextOptionsBuilder<SqliteNewsDbContext>()
    .UseSqlite(DatabaseSetup.SqliteConnectionString(directory), DatabaseSetup.ConfigureSqlite)
    .UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking)
    .AddInterceptors(new SqlitePragmaInterceptor())
    .Options;
SqliteNewsDbContext Context() => new(options);

Console.WriteLine($"search bench: {stories:N0} stories, {rounds} rounds, {Environment.ProcessorCount} cores, database in {directory}");

if (reuse is null)
{
    await BuildAsync();
}
else
{
    keep = true;
}

// 4. Latency per query class, through StorySearch as the page calls it.
await MeasureAsync();

if (!keep)
{
    SqliteConnection.ClearAllPools();
    Directory.Delete(directory, recursive: true);
}
return 0;

async Task BuildAsync()
{
// 1. Schema, sections and units.
await using (var db = Context())
{
    await db.Database.MigrateAsync();
    await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    string[] sectionNames = ["要闻", "文明创建", "民生", "政务", "教育", "卫生", "文旅", "县区"];
    db.Sections.AddRange(sectionNames.Select((name, i) => new Section { Slug = "s" + i.ToString(CultureInfo.InvariantCulture), Name = name, SortOrder = i }));
    db.Units.AddRange(StoryGenerator.Units().Select((u, i) => new Unit
    {
        Slug = "u" + i.ToString(CultureInfo.InvariantCulture), Name = u.Name, ShortName = u.ShortName, Kind = UnitKind.PublicInstitution,
    }));
    await db.SaveChangesAsync();
}

// 2. Stories, inserted as drafts (so SaveChanges does not index them one batch at a time), then published in one UPDATE.
var generate = Stopwatch.StartNew();
int[] sectionIds;
List<(int Id, string Name, string ShortName)> units;
await using (var db = Context())
{
    sectionIds = await db.Sections.OrderBy(s => s.Id).Select(s => s.Id).ToArrayAsync();
    units = (await db.Units.OrderBy(u => u.Id).Select(u => new { u.Id, u.Name, u.ShortName }).ToListAsync()).Select(u => (u.Id, u.Name, u.ShortName)).ToList();
}
var generator = new StoryGenerator(20211210);
var unitNames = units.Select(u => (u.Name, u.ShortName)).ToList();
var start = new DateTime(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);
const int InsertBatch = 2000;
for (var done = 0; done < stories; done += InsertBatch)
{
    await using var db = Context();
    db.ChangeTracker.AutoDetectChangesEnabled = false;
    for (var i = done; i < Math.Min(stories, done + InsertBatch); i++)
    {
        var story = generator.Next(unitNames);
        var at = start.AddMinutes(i * 20);
        var article = new Article
        {
            Title = story.Title, Kicker = story.Kicker, Summary = story.Summary, Body = story.Body, Dateline = "本报讯",
            SectionId = sectionIds[i % sectionIds.Length], Status = ArticleStatus.Draft, CreatedAt = at, UpdatedAt = at, PublishedAt = at,
        };
        article.Units.Add(new ArticleUnit { UnitId = units[story.UnitIndex].Id, IsPrimary = true });
        if (i % 4 == 0)
        {
            article.Photos.Add(new ArticlePhoto
            {
                Media = new MediaItem { AltText = story.Caption, Caption = story.Caption, ContentType = "image/jpeg", Width = 960, Height = 640, CreatedAt = at },
            });
        }
        db.Articles.Add(article);
    }
    await db.SaveChangesAsync();
    Console.Error.Write($"\rgenerated {Math.Min(stories, done + InsertBatch):N0}/{stories:N0}");
}
await using (var db = Context())
{
    await db.Articles.ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, ArticleStatus.Published));
}
Console.Error.WriteLine();
Console.WriteLine($"generated and stored {stories:N0} stories in {generate.Elapsed.TotalSeconds:0.0} s");

// 3. The index, built by the same code as the reindex verb.
var textBytes = 0L;
await using (var db = Context())
{
    textBytes = await db.Articles.SumAsync(a => (long)a.Body.Length);
}
var index = Stopwatch.StartNew();
int indexed;
await using (var db = Context())
{
    var lastShown = TimeSpan.Zero;
    indexed = await new SearchIndexer(db).RebuildAsync(new ConsoleProgress(p =>
    {
        if (index.Elapsed - lastShown > TimeSpan.FromSeconds(5) || p.Done == p.Total)
        {
            lastShown = index.Elapsed;
            Console.Error.WriteLine($"indexed {p.Done:N0}/{p.Total:N0} in {index.Elapsed.TotalSeconds:0} s");
        }
    }), clearFirst: true);
}
index.Stop();
long size;
await using (var db = Context())
{
    await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
}
SqliteConnection.ClearAllPools();
size = Directory.GetFiles(directory).Sum(f => new FileInfo(f).Length);
long SizeOf(string sql)
{
    using var connection = new SqliteConnection(DatabaseSetup.SqliteConnectionString(directory));
    connection.Open();
    using var command = connection.CreateCommand();
    command.CommandText = sql;
    try
    {
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
    catch (SqliteException)
    {
        return -1; // a SQLite build without the dbstat table
    }
}
var ftsBytes = SizeOf("SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE 'SearchIndex%'");
var docBytes = SizeOf("SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name LIKE '%SearchDocuments%'");
Console.WriteLine($"stories:      {indexed:N0} (body text {textBytes / (double)Math.Max(1, stories):N0} characters on average)");
Console.WriteLine($"index time:   {index.Elapsed.TotalSeconds:0.0} s ({indexed / index.Elapsed.TotalSeconds:N0} stories/s)");
Console.WriteLine(ftsBytes < 0
    ? $"DB size:      {size / 1048576.0:N1} MiB (stories, search documents and FTS5 index; this SQLite has no dbstat to split it)"
    : $"DB size:      {size / 1048576.0:N1} MiB (FTS5 index {ftsBytes / 1048576.0:N1} MiB, search documents {docBytes / 1048576.0:N1} MiB)");

}

async Task MeasureAsync()
{
var classes = new (string Name, string[] Queries)[]
{
    ("1-char", ["市", "书", "村", "医", "站"]),
    ("2-char", ["书房", "志愿", "义诊", "冬衣", "网格", "献血"]),
    ("3-char", ["志愿者", "图书馆", "文化馆", "敬老院", "刘思远"]),
    ("4-char", ["河东书房", "垃圾分类", "文明城市", "光盘行动", "关爱留守"]),
    ("multi-word", ["志愿 服务 社区", "河东书房 读书", "文明 交通 劝导", "义诊 老人 医院", "盐湖区 垃圾分类 宣传"]),
    ("filtered", ["书房|s3", "志愿者|s1", "义诊|s5"]),
};
await using (var db = Context())
{
    // Warm-up: the dictionary, the connection pool, the page cache.
    foreach (var (_, queries) in classes)
    {
        foreach (var q in queries)
        {
            await RunAsync(db, q);
        }
    }
}
Console.WriteLine();
Console.WriteLine($"{"class",-11} {"queries",7} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"max ms",8}  matches (first query)");
var all = new List<double>();
foreach (var (name, queries) in classes)
{
    var samples = new List<double>();
    var firstMatches = 0;
    for (var round = 0; round < rounds; round++)
    {
        foreach (var q in queries)
        {
            await using var db = Context();
            var watch = Stopwatch.StartNew();
            var results = await RunAsync(db, q);
            samples.Add(watch.Elapsed.TotalMilliseconds);
            if (round == 0 && q == queries[0])
            {
                firstMatches = results.TotalCount;
            }
        }
    }
    all.AddRange(samples);
    Console.WriteLine($"{name,-11} {samples.Count,7} {P(samples, 50),8:0.0} {P(samples, 95),8:0.0} {P(samples, 99),8:0.0} {samples.Max(),8:0.0}  {firstMatches:N0} for {queries[0]}");
}
Console.WriteLine($"{"all",-11} {all.Count,7} {P(all, 50),8:0.0} {P(all, 95),8:0.0} {P(all, 99),8:0.0} {all.Max(),8:0.0}");
}

static Task<SearchResults> RunAsync(NewsDbContext db, string query)
{
    var parts = query.Split('|');
    return new StorySearch(db, TimeProvider.System).SearchAsync(new SearchRequest(parts[0], SectionSlug: parts.Length > 1 ? parts[1] : null));
}

static double P(List<double> samples, int percentile)
{
    var sorted = samples.Order().ToList();
    var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1;
    return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

internal sealed class ConsoleProgress(Action<SearchRebuildProgress> report) : IProgress<SearchRebuildProgress>
{
    public void Report(SearchRebuildProgress value) => report(value);
}
