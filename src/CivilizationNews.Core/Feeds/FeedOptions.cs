namespace CivilizationNews.Core.Feeds;

/// <summary>The "Feeds" configuration section.</summary>
public sealed class FeedOptions
{
    public const string SectionName = "Feeds";
    public const int MaxItemCount = 100;

    /// <summary>Put each story's full rendered text in the feed instead of its summary.</summary>
    public bool FullText { get; set; }

    /// <summary>Stories per feed (the edition feed always carries the whole edition).</summary>
    public int ItemCount { get; set; } = 20;
}
