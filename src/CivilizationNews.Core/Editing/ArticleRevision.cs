using CivilizationNews.Core.Articles;

namespace CivilizationNews.Core.Editing;

/// <summary>A saved state of a story's text fields. Every save makes one; autosaves are marked.</summary>
public class ArticleRevision
{
    public long Id { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public bool IsAutosave { get; set; }
    /// <summary>Why the revision exists when it is not a plain save (恢复自 #12, 合并冲突 …).</summary>
    public string? Note { get; set; }
    public string? Kicker { get; set; }
    public required string Title { get; set; }
    public string? Subtitle { get; set; }
    public string? Summary { get; set; }
    public string? Dateline { get; set; }
    public string Body { get; set; } = string.Empty;
}

/// <summary>One workflow step of a story: who moved it from which state to which, when and why.</summary>
public class ArticleTransition
{
    public long Id { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    public ArticleStatus From { get; set; }
    public ArticleStatus To { get; set; }
    public string? Reason { get; set; }
    /// <summary>The pre-publish check's warnings (提醒) the user acknowledged when taking this step, one per line; null when there were none.</summary>
    public string? AcknowledgedWarnings { get; set; }
}

/// <summary>Who has a story open in the editor, refreshed by the editor's heartbeat.</summary>
public class ArticleEditPresence
{
    public int ArticleId { get; set; }
    public required string UserId { get; set; }
    public required string UserName { get; set; }
    public DateTime LastSeenAt { get; set; }
}
