using System.Diagnostics;
using System.Text.Json;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using CivilizationNews.Tests.Common;
using CivilizationNews.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Tests.Cli;

/// <summary>`import page.pdf` through the built app, as an operator runs it.</summary>
public sealed class ImportPdfCommandTests
{
    private static string PrintPdfs => Path.Combine(SharedFolder.Path(), "fixtures", "print-pdfs");

    public static TheoryData<string> Pages()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(PrintPdfs, "*.pdf").Order())
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Dry_run_prints_the_JSON_with_page_and_regions_and_both_scorers_give_full_marks(string page)
    {
        var data = Directory.CreateTempSubdirectory("cn-cli-pdf-").FullName;

        var (code, stdout, stderr) = await AppProcess.RunVerbAsync(data, null, "import", Path.Combine(PrintPdfs, page + ".pdf"), "--dry-run", "--format", "json");

        Assert.True(code == 0, stderr);
        using (var json = JsonDocument.Parse(stdout))
        {
            Assert.True(json.RootElement.GetProperty("page").GetProperty("width").GetDouble() > 0);
        }
        Assert.Empty(Directory.GetFiles(data)); // a dry run writes nothing, not even a database
        var actual = Path.Combine(Path.GetTempPath(), $"cn-cli-pdf-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(actual, stdout, TestContext.Current.CancellationToken);
            foreach (var (tool, truth) in new[] { ("score-import", page + ".expected.json"), ("score-layout", page + ".layout.json") })
            {
                var (exit, report) = await RunToolAsync(tool, Path.Combine(PrintPdfs, truth), actual);
                Assert.True(exit == 0, $"{tool} {page}:\n{report}");
            }
        }
        finally
        {
            File.Delete(actual);
        }
    }

    [Fact]
    public async Task Without_dry_run_it_creates_drafts_on_the_page_its_folio_names()
    {
        var data = Directory.CreateTempSubdirectory("cn-cli-pdf-").FullName;
        var seeded = await AppProcess.RunVerbAsync(data, null, "seed-demo");
        Assert.True(seeded.ExitCode == 0, seeded.StdErr);

        // No --date, --page or --page-name: the folio says 第2版 综合新闻 2021年11月18日.
        var (code, _, stderr) = await AppProcess.RunVerbAsync(data, null, "import", Path.Combine(PrintPdfs, "page-b.pdf"), "--section", "wenming");

        Assert.True(code == 0, stderr);
        Assert.Contains("已创建3篇草稿", stderr, StringComparison.Ordinal);
        await using var db = new SqliteNewsDbContext(new DbContextOptionsBuilder<SqliteNewsDbContext>()
            .UseSqlite(DatabaseSetup.SqliteConnectionString(data) + ";Pooling=False").Options);
        var drafts = await db.Articles.Where(a => a.EditionPage!.Edition!.Date == new DateOnly(2021, 11, 18) && a.EditionPage.Number == 2)
            .OrderBy(a => a.PageOrder).Select(a => new { a.Title, a.Status, PageName = a.EditionPage!.Name })
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["社区里的“银发课堂”开课了", "“零跑腿”服务跑出加速度", "消防安全“流动课堂”进校园"], drafts.Select(d => d.Title));
        Assert.All(drafts, d => Assert.Equal(ArticleStatus.Draft, d.Status));
        Assert.Equal("综合新闻", drafts[0].PageName);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_multi_page_PDF_needs_the_page_named()
    {
        var data = Directory.CreateTempSubdirectory("cn-cli-pdf-").FullName;
        var merged = Path.Combine(data, "pages.pdf");
        await File.WriteAllBytesAsync(merged, UglyToad.PdfPig.Writer.PdfMerger.Merge(new[]
        {
            await File.ReadAllBytesAsync(Path.Combine(PrintPdfs, "page-b.pdf"), TestContext.Current.CancellationToken),
            await File.ReadAllBytesAsync(Path.Combine(PrintPdfs, "page-d.pdf"), TestContext.Current.CancellationToken),
        }), TestContext.Current.CancellationToken);

        var unnamed = await AppProcess.RunVerbAsync(data, null, "import", merged, "--dry-run", "--format", "json");
        var second = await AppProcess.RunVerbAsync(data, null, "import", merged, "--pdf-page", "2", "--dry-run", "--format", "json");

        Assert.Equal(2, unnamed.ExitCode);
        Assert.Contains("共 2 页", unnamed.StdErr, StringComparison.Ordinal);
        Assert.Empty(unnamed.StdOut);
        Assert.True(second.ExitCode == 0, second.StdErr);
        using var json = JsonDocument.Parse(second.StdOut);
        Assert.Equal(4, json.RootElement.GetProperty("page").GetProperty("number").GetInt32());
        Assert.Equal("应急救护培训走进机关", json.RootElement.GetProperty("articles")[2].GetProperty("title").GetString());
    }

    [Fact]
    public async Task An_encrypted_or_broken_PDF_gets_a_Chinese_error_and_nothing_is_created()
    {
        var data = Directory.CreateTempSubdirectory("cn-cli-pdf-").FullName;
        var source = Path.Combine(SharedFolder.Path(), "fixtures", "print-pdfs", "page-a.pdf");
        var broken = Path.Combine(data, "broken.pdf");
        await File.WriteAllBytesAsync(broken, (await File.ReadAllBytesAsync(source, TestContext.Current.CancellationToken))[..4096], TestContext.Current.CancellationToken);
        var encrypted = Path.Combine(AppProcess.RepositoryRoot(), "tests", "CivilizationNews.Core.Tests", "Importing", "Fixtures", "pdf", "encrypted-password.pdf");

        var first = await AppProcess.RunVerbAsync(data, null, "import", encrypted, "--date", "2021-12-11", "--page", "3");
        var second = await AppProcess.RunVerbAsync(data, null, "import", broken, "--dry-run", "--format", "json");

        Assert.Equal(1, first.ExitCode);
        Assert.Contains("PDF 已加密", first.StdErr, StringComparison.Ordinal);
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("PDF", second.StdErr, StringComparison.Ordinal);
        Assert.Empty(second.StdOut);
        Assert.False(File.Exists(Path.Combine(data, DatabaseSetup.SqliteFileName)));
    }

    private static async Task<(int ExitCode, string Output)> RunToolAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true };
        start.ArgumentList.Add(Path.Combine(SharedFolder.Path(), "tools", tool));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, output);
    }
}
