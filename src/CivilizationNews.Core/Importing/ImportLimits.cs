namespace CivilizationNews.Core.Importing;

/// <summary>
/// The bounds that keep an import's work in proportion to its size, whatever the text (issue 13):
/// a page is tens of kilobytes, but anyone allowed to import can post 5 MB built to be slow. Each
/// bound is far beyond what a real page needs; docs/importing.md ("Hostile input") lists them.
/// </summary>
internal static class ImportLimits
{
    /// <summary>
    /// Every pattern over the page's text gives up after this long. The patterns are written to run
    /// in linear time, so this is a backstop; an import that hits it is refused as too complex.
    /// </summary>
    public const int RegexTimeoutMilliseconds = 2000;

    /// <summary>
    /// Lines longer than this are prose: they are not tested as markers, bylines, captions or credits
    /// (all of which are short), only for a 本报讯 dateline at their start.
    /// </summary>
    public const int MaxClassifiedLineLength = 1000;

    /// <summary>A page byline block names a few people; roles are read from this many lines at most, the rest go to the editor.</summary>
    public const int MaxBylineLines = 40;

    /// <summary>A story announces a handful of list items; a longer list is never taken as announced.</summary>
    public const int MaxAnnouncedItems = 30;

    /// <summary>Only the nearest features before a list are weighed as its owner.</summary>
    public const int MaxFeatureCandidates = 16;
}
