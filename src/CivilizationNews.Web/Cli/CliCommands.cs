using System.Globalization;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Importing;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Cli;

/// <summary>The verbs that need more than a line: create-user and import.</summary>
public static partial class CliCommands
{
    public static string? Option(this CommandLine command, string name)
    {
        var args = command.VerbArgs;
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == name && i + 1 < args.Count)
            {
                return args[i + 1];
            }
            if (args[i].StartsWith(name + "=", StringComparison.Ordinal))
            {
                return args[i][(name.Length + 1)..];
            }
        }
        return null;
    }

    public static bool Flag(this CommandLine command, string name) => command.VerbArgs.Contains(name);

    /// <summary>
    /// create-user --email a@b.cn --name 张三 --role 编辑 [--unit slug]. The password comes from standard
    /// input (one line), typed at a hidden prompt when interactive: never from the command line.
    /// </summary>
    public static async Task<int> CreateUserAsync(IServiceProvider services, CommandLine command, ILogger logger)
    {
        var email = command.Option("--email");
        var name = command.Option("--name");
        var role = NewsRoles.FromLabelOrName(command.Option("--role") ?? string.Empty);
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(name) || role is null)
        {
            await Console.Error.WriteLineAsync("用法：create-user --email 邮箱 --name 姓名 --role 管理员|编辑|记者|通讯员 [--unit 单位slug]，密码从标准输入读取。");
            return 2;
        }
        var db = services.GetRequiredService<NewsDbContext>();
        await DatabaseStartup.MigrateAsync(db, logger);
        await services.GetRequiredService<FirstAdministrator>().EnsureRolesAsync();
        int? unitId = null;
        if (command.Option("--unit") is { } slug)
        {
            unitId = await db.Units.Where(u => u.Slug == slug).Select(u => (int?)u.Id).FirstOrDefaultAsync();
            if (unitId is null)
            {
                await Console.Error.WriteLineAsync($"单位 {slug} 不存在。");
                return 2;
            }
        }
        var password = ReadPassword();
        if (string.IsNullOrEmpty(password))
        {
            await Console.Error.WriteLineAsync("未读取到密码。请在提示处输入，或通过标准输入传入。");
            return 2;
        }
        var users = services.GetRequiredService<UserManager<NewsUser>>();
        var user = new NewsUser { UserName = email.Trim(), Email = email.Trim(), DisplayName = name.Trim(), UnitId = unitId, CreatedAt = DateTime.UtcNow };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync(error.Description);
            }
            return 1;
        }
        await users.AddToRoleAsync(user, role);
        services.GetRequiredService<AuditLog>().Record(new AuditActor(null, "命令行"), "user.create", "User", user.Id, $"{user.Email} {NewsRoles.Label(role)}");
        await db.SaveChangesAsync();
        await Console.Error.WriteLineAsync($"已创建{NewsRoles.Label(role)}账号 {user.Email}。");
        return 0;
    }

    private static string? ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine()?.TrimEnd('\r');
        }
        Console.Error.Write("密码（至少12位，不能是常见密码，输入时不显示）：");
        var chars = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                if (chars.Length > 0)
                {
                    chars.Length--;
                }
                continue;
            }
            chars.Append(key.KeyChar);
        }
        Console.Error.WriteLine();
        return chars.ToString();
    }

    /// <summary>
    /// import FILE --dry-run --format json: prints the IMPORT-FORMAT.md JSON to stdout and writes nothing.
    /// import FILE --date 2021-12-10 --page 5 [--page-name 专版] [--section wenming]: creates the drafts.
    /// FILE is a page's text or its PDF (then the JSON has the page size and regions, and the date, page and
    /// page name default to what the PDF's folio prints; --pdf-page N picks a page of a multi-page PDF).
    /// A Word file (.docx) goes to <see cref="DocxImportCommand"/>.
    /// </summary>
    public static async Task<int> ImportAsync(IServiceProvider services, CommandLine command, ILogger logger)
    {
        // The file is the first argument that is neither an option nor an option's value.
        string? file = null;
        var valued = new HashSet<string>(StringComparer.Ordinal) { "--format", "--date", "--page", "--page-name", "--section", "--pdf-page" };
        for (var i = 0; i < command.VerbArgs.Count; i++)
        {
            var arg = command.VerbArgs[i];
            if (valued.Contains(arg))
            {
                i++;
            }
            else if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                file = arg;
                break;
            }
        }
        if (file is null || !File.Exists(file))
        {
            await Console.Error.WriteLineAsync(file is null ? "用法：import 文件 [--dry-run --format json]" : $"找不到文件：{file}");
            return 2;
        }
        if (DocxImportCommand.Handles(file))
        {
            return await DocxImportCommand.RunAsync(services, command, file, logger);
        }
        var isPdf = await IsPdfAsync(file);
        if (new FileInfo(file).Length > (isPdf ? PrintPageImporter.MaxPdfBytes : PrintPageImporter.MaxBytes))
        {
            // Refused on the file's length, before it is read into memory.
            var reason = isPdf ? ImportInputReason.PdfTooLarge : ImportInputReason.TooLarge;
            LogRefused(logger, file, reason.ToString());
            await Console.Error.WriteLineAsync(ImportInputException.MessageFor(reason));
            return 1;
        }
        ImportResult result;
        try
        {
            var bytes = await File.ReadAllBytesAsync(file);
            if (isPdf)
            {
                var pdfPage = 1;
                var pages = PrintPageImporter.CountPdfPages(bytes);
                if (command.Option("--pdf-page") is { } chosen)
                {
                    if (!int.TryParse(chosen, NumberStyles.None, CultureInfo.InvariantCulture, out pdfPage) || pdfPage < 1 || pdfPage > pages)
                    {
                        await Console.Error.WriteLineAsync($"--pdf-page 应为 1 到 {pages} 之间的页码。");
                        return 2;
                    }
                }
                else if (pages > 1)
                {
                    await Console.Error.WriteLineAsync($"这个 PDF 共 {pages} 页，请用 --pdf-page 页码 指定要导入的一页。");
                    return 2;
                }
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                result = new PrintPageImporter().ImportPdf(bytes, pdfPage);
                var milliseconds = (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                LogPdfRead(logger, file, pdfPage, result.Articles.Count, result.Photos.Count, result.Warnings.Count, milliseconds);
            }
            else
            {
                result = new PrintPageImporter().Import(bytes);
            }
        }
        catch (ImportInputException ex)
        {
            LogRefused(logger, file, ex.Reason.ToString());
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }

        if (command.Flag("--dry-run"))
        {
            var format = command.Option("--format") ?? "json";
            if (format != "json")
            {
                await Console.Error.WriteLineAsync("目前只支持 --format json。");
                return 2;
            }
            await using var stdout = Console.OpenStandardOutput();
            await using var writer = new StreamWriter(stdout, new System.Text.UTF8Encoding(false));
            await writer.WriteAsync(ImportJson.Serialize(result));
            await writer.WriteLineAsync();
            return 0;
        }

        // A PDF's folio (第5版 专版 2021年12月10日) stands in for the options not given.
        var folio = result.Page;
        var dateText = command.Option("--date") ?? folio?.Date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var pageText = command.Option("--page") ?? folio?.Number?.ToString(CultureInfo.InvariantCulture);
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || !int.TryParse(pageText, NumberStyles.None, CultureInfo.InvariantCulture, out var pageNumber) || pageNumber is < 1 or > 999)
        {
            await Console.Error.WriteLineAsync("创建草稿需要 --date yyyy-MM-dd 和 --page 版次（不写入时请加 --dry-run）。");
            return 2;
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
        var importer = new NewsroomUser("cli-import", "版面导入", new HashSet<string> { NewsRoles.Editor });
        var created = await services.GetRequiredService<DraftCreator>().CreateAsync(result, date, pageNumber, command.Option("--page-name") ?? folio?.Name, sectionId.Value, importer);
        await Console.Error.WriteLineAsync($"已创建{created.ArticleIds.Count}篇草稿（稿件编号 {string.Join("、", created.ArticleIds)}）{(created.FeatureId is { } f ? $"，以及专题草稿 #{f}" : "")}。");
        foreach (var note in created.Notes)
        {
            await Console.Error.WriteLineAsync("· " + note);
        }
        return 0;
    }

    /// <summary>A PDF by its signature (an editor's file may be misnamed), else by its extension.</summary>
    private static async Task<bool> IsPdfAsync(string file)
    {
        var head = new byte[1024];
        await using var stream = File.OpenRead(file);
        var read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false);
        return PrintPageImporter.IsPdf(head.AsSpan(0, read)) || file.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase);
    }

    [LoggerMessage(EventId = 5221, Level = LogLevel.Warning, Message = "Page import of {File} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string file, string reason);

    [LoggerMessage(EventId = 5222, Level = LogLevel.Information, Message = "Page PDF {File} page {PdfPage} read: {Articles} stories, {Photos} photos, {Warnings} warnings in {Milliseconds} ms")]
    private static partial void LogPdfRead(ILogger logger, string file, int pdfPage, int articles, int photos, int warnings, long milliseconds);
}
