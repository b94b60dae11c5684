namespace CivilizationNews.Core.Tests.Importing;

/// <summary>
/// The design folder shared by the team (fixtures and the scorer) lives beside the repository:
/// <c>&lt;clone&gt;/../shared</c>. CN_SHARED_DIR points elsewhere when it is not there.
/// </summary>
internal static class SharedFolder
{
    public const string EnvironmentVariable = "CN_SHARED_DIR";

    private static readonly Lazy<string?> Root = new(Find);

    public static string PrintPages => Path.Combine(Require(), "fixtures", "print-pages");

    public static string Scorer => Path.Combine(Require(), "tools", "score-import");

    /// <summary>The page PDFs with their expected stories and layout (shared/fixtures/print-pdfs).</summary>
    public static string PrintPdfs => Path.Combine(Require(), "fixtures", "print-pdfs");

    public static string LayoutScorer => Path.Combine(Require(), "tools", "score-layout");

    public static bool Exists => Root.Value is not null;

    private static string Require() =>
        Root.Value ?? throw new DirectoryNotFoundException(
            $"shared/fixtures/print-pages was not found above {AppContext.BaseDirectory}; set {EnvironmentVariable} to the shared folder.");

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return HasPrintPages(configured) ? Path.GetFullPath(configured) : null;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (HasPrintPages(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool HasPrintPages(string shared) => Directory.Exists(Path.Combine(shared, "fixtures", "print-pages"));
}
