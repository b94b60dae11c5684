namespace CivilizationNews.Core.LinkPush;

/// <summary>The "Discovery" configuration section: search-engine link push.</summary>
public sealed class LinkPushOptions
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
