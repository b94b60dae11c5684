using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Importing;
using CivilizationNews.Core.Importing.Docx;
using CivilizationNews.Core.Validation;
using CivilizationNews.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Cli;

/// <summary>
/// The import verb for Word documents, chosen by the file's extension:
/// import story.docx --dry-run --format json prints the IMPORT-FORMAT JSON (one article) and writes nothing;
/// import story.docx [--section slug] makes the draft, as the admin's 从 Word 导入 does.
/// </summary>
public static class DocxImportCommand
{
    private static readonly string[] Extensions = [".docx", ".docm", ".dotx", ".dotm", ".doc"];

    /// <summary>Word files go here (a .doc or .docm too, to be refused with the reason); everything else to the page-text importer.</summary>
    public static bool Handles(string file) => Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(IServiceProvider services, CommandLine command, string file, ILogger logger)
    {
        if (new FileInfo(file).Length > DocxReader.MaxBytes)
        {
            await Console.Error.WriteLineAsync(DocxInputException.MessageFor(DocxRefusal.TooLarge));
            return 1;
        }
        var bytes = await File.ReadAllBytesAsync(file);
        // Read first: a file that is refused touches no database, with or without --dry-run.
        DocxStory story;
        try
        {
            story = DocxReader.Read(bytes);
        }
        catch (DocxInputException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
        if (command.Flag("--dry-run"))
        {
            if ((command.Option("--format") ?? "json") != "json")
            {
                await Console.Error.WriteLineAsync("目前只支持 --format json。");
                return 2;
            }
            await using var stdout = Console.OpenStandardOutput();
            await using var writer = new StreamWriter(stdout, new System.Text.UTF8Encoding(false));
            await writer.WriteAsync(ImportJson.Serialize(story.Result));
            await writer.WriteLineAsync();
            return 0;
        }

        var db = services.GetRequiredService<NewsDbContext>();
        await DatabaseStartup.MigrateAsync(db, logger);
        var sectionSlug = command.Option("--section");
        var sectionId = await db.Sections.Where(s => sectionSlug == null || s.Slug == sectionSlug).OrderBy(s => s.SortOrder)
            .Select(s => (int?)s.Id).FirstOrDefaultAsync();
        if (sectionId is null)
        {
            await Console.Error.WriteLineAsync(sectionSlug is null ? "数据库中还没有栏目。" : $"栏目 {sectionSlug} 不存在。");
            return 2;
        }
        var importer = new NewsroomUser("cli-import", "Word 导入", new HashSet<string> { NewsRoles.Editor });
        var result = await services.GetRequiredService<DocxImportDesk>().ImportAsync(bytes, Path.GetFileName(file), sectionId.Value, importer);
        if (result.Outcome != SaveOutcome.Saved)
        {
            await Console.Error.WriteLineAsync(result.Message ?? "未能生成草稿。");
            return 1;
        }
        await Console.Error.WriteLineAsync($"已生成草稿（稿件编号 {result.ArticleId}），{result.Photos} 张图片已放入图片库。");
        foreach (var note in result.Notes ?? [])
        {
            await Console.Error.WriteLineAsync("· " + note);
        }
        return 0;
    }
}
