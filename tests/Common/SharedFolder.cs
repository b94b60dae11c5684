namespace CivilizationNews.Tests.Common;

/// <summary>
/// The shared fixtures beside the repository (../shared): CN_SHARED_DIR, or a "shared" folder beside
/// an ancestor of the test output. CI provides it there.
/// </summary>
internal static class SharedFolder
{
    public static string Path()
    {
        if (Environment.GetEnvironmentVariable("CN_SHARED_DIR") is { Length: > 0 } configured)
        {
            return configured;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "fixtures", "print-pages")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("shared/fixtures/print-pages not found beside the repository (set CN_SHARED_DIR)");
    }

    /// <summary>A sample print page from shared/fixtures/print-pages.</summary>
    public static string PrintPage(string fileName) => System.IO.Path.Combine(Path(), "fixtures", "print-pages", fileName);
}
