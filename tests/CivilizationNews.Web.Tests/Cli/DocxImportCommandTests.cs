using System.Text.Json;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Importing.Docx;
using CivilizationNews.Tests.Common;
using CivilizationNews.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace CivilizationNews.Web.Tests.Cli;

/// <summary>import story.docx: the dry run prints the IMPORT-FORMAT JSON (one article); without it, one draft is made.</summary>
public sealed class DocxImportCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Story() => new DocxBuilder()
        .Paragraph("市气象局")
        .Title("寒潮来袭注意防寒保暖")
        .Paragraph("　　本报讯（记者 林涛）受强冷空气影响，本周我市气温将下降8至10摄氏度。")
        .Image(TestImages.Encode(320, 240, SKEncodedImageFormat.Jpeg), "image/jpeg")
        .Paragraph("市民在公交站台候车 赵文华 摄")
        .Heading("出行提示", 2)
        .Bullets("注意防寒保暖", "出行注意交通安全")
        .Build();

    [Fact]
    public async Task Dry_run_prints_one_article_as_JSON_and_writes_nothing()
    {
        var data = Directory.CreateTempSubdirectory("cn-cli-").FullName;
        var source = Path.Combine(Directory.CreateTempSubdirectory("cn-docx-").FullName, "story.docx");
        await File.WriteAllBytesAsync(source, Story(), Ct);

        var (code, stdout, stderr) = await AppProcess.RunVerbAsync(data, null, "import", source, "--dry-run", "--format", "json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        var article = Assert.Single(json.RootElement.GetProperty("articles").EnumerateArray().ToList());
        Assert.Equal("市气象局", article.GetProperty("kicker").GetString());
        Assert.Equal("寒潮来袭注意防寒保暖", article.GetProperty("title").GetString());
        Assert.Equal("本报讯", article.GetProperty("dateline").GetString());
        Assert.Equal("记者 林涛", article.GetProperty("credit").GetString());
        var sections = article.GetProperty("sections");
        Assert.Equal("出行提示", sections[1].GetProperty("heading").GetString());
        Assert.Equal("- 注意防寒保暖\n- 出行注意交通安全", sections[1].GetProperty("paragraphs")[0].GetString());
        var photo = Assert.Single(json.RootElement.GetProperty("photos").EnumerateArray().ToList());
        Assert.Equal(("市民在公交站台候车", "赵文华"), (photo.GetProperty("caption").GetString(), photo.GetProperty("credit").GetString()));
        Assert.Empty(Directory.GetFiles(data));
    }

    [Fact]
    public async Task A_protected_or_macro_enabled_file_gets_a_Chinese_error_and_nothing_else()
    {
        var data = Directory.CreateTempSubdirectory("cn-cli-").FullName;
        var folder = Directory.CreateTempSubdirectory("cn-docx-").FullName;
        var encrypted = Path.Combine(folder, "locked.docx");
        await File.WriteAllBytesAsync(encrypted, DocxBuilder.EncryptedLookalike(), Ct);
        var macro = Path.Combine(folder, "macro.docm");
        await File.WriteAllBytesAsync(macro, new DocxBuilder().Title("宏").Paragraph("正文。").Build(DocumentFormat.OpenXml.WordprocessingDocumentType.MacroEnabledDocument), Ct);

        var locked = await AppProcess.RunVerbAsync(data, null, "import", encrypted, "--dry-run", "--format", "json");
        var macros = await AppProcess.RunVerbAsync(data, null, "import", macro, "--section", "wenming");

        Assert.Equal(1, locked.ExitCode);
        Assert.Contains(DocxInputException.MessageFor(DocxRefusal.Encrypted), locked.StdErr, StringComparison.Ordinal);
        Assert.Empty(locked.StdOut);
        Assert.Equal(1, macros.ExitCode);
        Assert.Contains(DocxInputException.MessageFor(DocxRefusal.MacroEnabled), macros.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_dry_run_it_makes_one_draft_with_its_photo()
    {
        var data = Directory.CreateTempSubdirectory("cn-cli-").FullName;
        var source = Path.Combine(Directory.CreateTempSubdirectory("cn-docx-").FullName, "story.docx");
        await File.WriteAllBytesAsync(source, Story(), Ct);
        var seeded = await AppProcess.RunVerbAsync(data, null, "seed-demo");
        Assert.True(seeded.ExitCode == 0, seeded.StdErr);

        var (code, _, stderr) = await AppProcess.RunVerbAsync(data, null, "import", source, "--section", "wenming");

        Assert.True(code == 0, stderr);
        Assert.Contains("已生成草稿", stderr, StringComparison.Ordinal);
        await using var db = new SqliteNewsDbContext(new DbContextOptionsBuilder<SqliteNewsDbContext>()
            .UseSqlite(DatabaseSetup.SqliteConnectionString(data) + ";Pooling=False").Options);
        var draft = await db.Articles.Where(a => a.Title == "寒潮来袭注意防寒保暖")
            .Select(a => new { a.Status, a.Kicker, a.Dateline, Photos = a.Photos.Count, Section = a.Section!.Slug }).SingleAsync(Ct);
        Assert.Equal((ArticleStatus.Draft, "市气象局", "本报讯（记者 林涛）", 1, "wenming"), (draft.Status, draft.Kicker, draft.Dateline, draft.Photos, draft.Section));
        SqliteConnection.ClearAllPools();
    }
}
