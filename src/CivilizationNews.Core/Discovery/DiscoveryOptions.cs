namespace CivilizationNews.Core.Discovery;

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

/// <summary>The "Discovery" configuration section: search-engine link push.</summary>
public sealed class DiscoveryOptions
{
    public const string SectionName = "Discovery";

    /// <summary>
    /// The link-submission endpoint, e.g. Baidu's http://data.zz.baidu.com/urls?site=…&amp;token=…;
    /// empty (the default) turns push off.
    /// </summary>
    public string? PushEndpoint { get; set; }

    /// <summary>The public origin pushed URLs start with; defaults to Site:PublicBaseUrl.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Tries per batch, the first included.</summary>
    public int PushAttempts { get; set; } = 4;

    /// <summary>Wait before the first retry; doubled before each later one.</summary>
    public TimeSpan PushRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan PushTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool PushEnabled => !string.IsNullOrWhiteSpace(PushEndpoint);
}
