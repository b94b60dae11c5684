using System.Diagnostics;
using System.Text.Json;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using CivilizationNews.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using CivilizationNews.Tests.Common;

namespace CivilizationNews.Web.Tests.Cli;

public sealed class ImportCommandTests
{
    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(SharedFolder.Path(), "fixtures", "print-pages"), "*.txt").Order())
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Dry_run_prints_only_the_JSON_and_scores_full_marks(string page)
    {
        var shared = SharedFolder.Path();
        var source = Path.Combine(shared, "fixtures", "print-pages", page + ".txt");
        var data = Directory.CreateTempSubdirectory("cn-cli-").FullName;

        var (code, stdout, stderr) = await AppProcess.RunVerbAsync(data, null, "import", source, "--dry-run", "--format", "json");

        Assert.True(code == 0, stderr);
        using (JsonDocument.Parse(stdout)) { } // nothing but the JSON object on standard output
        Assert.Empty(Directory.GetFiles(data)); // a dry run writes nothing, not even a database
        var actual = Path.Combine(data, "actual.json");
        await File.WriteAllTextAsync(actual, stdout, TestContext.Current.CancellationToken);
        var score = Process.Start(new ProcessStartInfo("python3")
        {
            ArgumentList = { Path.Combine(shared, "tools", "score-import"), Path.Combine(shared, "fixtures", "print-pages", page + ".expected.json"), actual, source },
            RedirectStandardOutput = true,
        })!;
        var report = await score.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await score.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.True(score.ExitCode == 0, report);
    }

    [Fact]
    public async Task Without_dry_run_it_creates_drafts_and_a_draft_feature_on_the_page()
    {
        var data = Directory.CreateTempSubdirectory("cn-cli-").FullName;
        var source = Path.Combine(SharedFolder.Path(), "fixtures", "print-pages", "page-a.txt");
        var seeded = await AppProcess.RunVerbAsync(data, null, "seed-demo");
        Assert.True(seeded.ExitCode == 0, seeded.StdErr);

        var (code, _, stderr) = await AppProcess.RunVerbAsync(data, null, "import", source, "--date", "2021-12-11", "--page", "3", "--page-name", "专版", "--section", "wenming");

        Assert.True(code == 0, stderr);
        Assert.Contains("已创建", stderr, StringComparison.Ordinal);
        await using var db = new SqliteNewsDbContext(new DbContextOptionsBuilder<SqliteNewsDbContext>()
            .UseSqlite(DatabaseSetup.SqliteConnectionString(data) + ";Pooling=False").Options);
        var drafts = await db.Articles.Where(a => a.EditionPage!.Edition!.Date == new DateOnly(2021, 12, 11) && a.EditionPage.Number == 3)
            .OrderBy(a => a.PageOrder).Select(a => new { a.Title, a.Status, a.Body }).ToListAsync(TestContext.Current.CancellationToken);
        Assert.True(drafts.Count >= 2);
        Assert.All(drafts, d => Assert.Equal(ArticleStatus.Draft, d.Status));
        Assert.Equal("汾河岸边书香浓", drafts[0].Title);
        Assert.Contains("## ", drafts[0].Body, StringComparison.Ordinal);
        Assert.Equal(1, await db.Features.CountAsync(f => !f.IsPublished, TestContext.Current.CancellationToken));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Bad_input_gets_a_Chinese_error_and_nothing_is_created()
    {
        var data = Directory.CreateTempSubdirectory("cn-cli-").FullName;
        var empty = Path.Combine(data, "empty.txt");
        await File.WriteAllTextAsync(empty, "   \n", TestContext.Current.CancellationToken);
        var binary = Path.Combine(data, "binary.txt");
        await File.WriteAllBytesAsync(binary, [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0x0D, 0, 1, 2, 3, 0, 0, 0, 0], TestContext.Current.CancellationToken);

        var first = await AppProcess.RunVerbAsync(data, null, "import", empty, "--date", "2021-12-11", "--page", "3");
        var second = await AppProcess.RunVerbAsync(data, null, "import", binary, "--dry-run", "--format", "json");

        Assert.Equal(1, first.ExitCode);
        Assert.Contains("文件是空的", first.StdErr, StringComparison.Ordinal);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("不是文本文件", second.StdErr, StringComparison.Ordinal);
        Assert.Empty(second.StdOut);
        Assert.False(File.Exists(Path.Combine(data, DatabaseSetup.SqliteFileName)));
    }
}
