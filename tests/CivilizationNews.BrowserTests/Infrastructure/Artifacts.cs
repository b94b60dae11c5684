namespace CivilizationNews.BrowserTests.Infrastructure;

/// <summary>Where screenshots and saved pages go: the repository's git-ignored TestResults folder.</summary>
public static class Artifacts
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string Screenshots => Folder("screenshots");

    public static string Pages => Folder("html");

    public static string Folder(string name)
    {
        var path = Path.Combine(Root.Value, name);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A file name safe on every file system: letters, digits, dash and underscore.</summary>
    public static string Slug(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')).Trim('-');

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CivilizationNews.sln")))
            {
                return Path.Combine(dir.FullName, "TestResults", "browser");
            }
        }
        return Path.Combine(AppContext.BaseDirectory, "TestResults", "browser");
    }
}
