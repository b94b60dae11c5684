namespace CivilizationNews.BrowserTests.Infrastructure;

/// <summary>A browser window size the reader uses: a phone held upright, or a laptop.</summary>
public sealed record Screen(string Name, int Width, int Height, bool Mobile)
{
    public static readonly Screen Phone = new("phone", 375, 812, Mobile: true);
    public static readonly Screen Desktop = new("desktop", 1366, 768, Mobile: false);

    /// <summary>A narrow desktop window: its innerWidth is the window's, so sideways overflow shows.</summary>
    public static readonly Screen Narrow = new("narrow", 375, 812, Mobile: false);

    public static readonly IReadOnlyList<Screen> Both = [Phone, Desktop];

    /// <summary>The narrow widths that must never scroll sideways.</summary>
    public static readonly IReadOnlyList<int> NarrowWidths = [320, 360, 375, 414];

    public override string ToString() => Name;
}
