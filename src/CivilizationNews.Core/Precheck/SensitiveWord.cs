namespace CivilizationNews.Core.Precheck;

/// <summary>How a sensitive word counts in the pre-publish check: 错误 blocks the move, 提醒 needs an editor's acknowledgement.</summary>
public enum SensitiveWordLevel
{
    Error = 1,
    Warning = 2,
}

/// <summary>
/// 敏感词: a word or phrase the administrator lists for the pre-publish check. Chinese is matched exactly
/// (as a substring); a word made only of Latin letters and digits is matched as a whole word, ignoring case.
/// </summary>
public class SensitiveWord
{
    public const int WordMaxLength = 50;
    public const int NoteMaxLength = 200;

    public int Id { get; set; }
    public required string Word { get; set; }
    public SensitiveWordLevel Level { get; set; } = SensitiveWordLevel.Warning;
    /// <summary>Why the word is listed, or what to write instead; shown with each match.</summary>
    public string? Note { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}
