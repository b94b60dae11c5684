using CivilizationNews.Core.Editing;

namespace CivilizationNews.Core.Articles;

/// <summary>
/// 更正: a dated note appended to a published story, saying what was wrong and what is right. It is never
/// edited or removed. <see cref="BeforeRevisionId"/> is the story's text as readers saw it before the
/// correction, <see cref="RevisionId"/> the text saved with it, so the history stays open to editors.
/// </summary>
public class ArticleCorrection
{
    public const int TextMaxLength = 1000;

    public int Id { get; set; }
    public int ArticleId { get; set; }
    public Article? Article { get; set; }
    public DateTime CreatedAt { get; set; }
    public string? UserId { get; set; }
    public required string UserName { get; set; }
    /// <summary>What the story said that was wrong.</summary>
    public required string Wrong { get; set; }
    /// <summary>What is right.</summary>
    public required string Right { get; set; }
    public long? BeforeRevisionId { get; set; }
    public ArticleRevision? BeforeRevision { get; set; }
    public long? RevisionId { get; set; }
    public ArticleRevision? Revision { get; set; }
}
