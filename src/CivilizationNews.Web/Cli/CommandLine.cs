using CivilizationNews.Core.Data;
using CivilizationNews.Core.Demo;
using CivilizationNews.Web.Infrastructure;

namespace CivilizationNews.Web.Cli;

/// <summary>
/// Command-line verbs: `dotnet run --project src/CivilizationNews.Web -- seed-demo`. Host settings
/// (--Database:Provider=…) may follow the verb's own arguments.
/// </summary>
public sealed record CommandLine(string? Verb, IReadOnlyList<string> VerbArgs, string[] HostArgs)
{
    public static readonly IReadOnlyDictionary<string, string> Verbs = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["migrate"] = "Create or upgrade the SQLite database and exit.",
        ["seed-demo"] = "Add the demo roundup and stories to the database (skipped when already present).",
        ["create-user"] = "Create a newsroom account: --email --name --role (管理员/编辑/记者/通讯员); the password is read from standard input.",
        ["backup"] = "Write a consistent copy of the SQLite database while the portal runs: backup <file>.",
        ["restore"] = "Replace the SQLite database with a checked backup (the current one is kept beside it): restore <file>.",
        ["reindex"] = "Rebuild the search index from the published stories, with progress: reindex [--clear].",
        ["rerender"] = "Rebuild every published story's page document (after a renderer change), with progress.",
        ["import"] = "Import a print page's text or PDF: import <file> [--pdf-page N] [--dry-run --format json] | [--date yyyy-MM-dd --page N [--page-name 名称] [--section slug]] (a PDF's folio gives date, page and name when not given). A Word file (.docx) becomes one draft: import <file.docx> [--dry-run --format json] | [--section slug].",
    };

    public static CommandLine Parse(string[] args)
    {
        if (args.Length == 0 || !Verbs.ContainsKey(args[0]))
        {
            return new CommandLine(null, [], args);
        }
        // Settings in key=value form go to the host; everything else belongs to the verb.
        var hostArgs = args.Skip(1).Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)).ToArray();
        var verbArgs = args.Skip(1).Where(a => !hostArgs.Contains(a)).ToList();
        return new CommandLine(args[0], verbArgs, hostArgs);
    }

    public static async Task<int> RunAsync(WebApplication app, CommandLine command)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CivilizationNews.Cli");
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        switch (command.Verb)
        {
            case "migrate":
                await DatabaseStartup.MigrateAsync(services.GetRequiredService<NewsDbContext>(), logger);
                return 0;
            case "seed-demo":
                await DatabaseStartup.MigrateAsync(services.GetRequiredService<NewsDbContext>(), logger);
                await services.GetRequiredService<DemoSeeder>().SeedAsync();
                return 0;
            case "create-user":
                return await CliCommands.CreateUserAsync(services, command, logger);
            case "backup":
                return await BackupCommands.BackupAsync(services, command, logger);
            case "restore":
                return await BackupCommands.RestoreAsync(services, command, logger);
            case "reindex":
                return await SearchCommands.ReindexAsync(services, command, logger);
            case "rerender":
                return await ReadDocumentCommands.RerenderAsync(services, logger);
            case "import":
                return await CliCommands.ImportAsync(services, command, logger);
            default:
                await Console.Error.WriteLineAsync($"Unknown command {command.Verb}");
                return 2;
        }
    }
}
