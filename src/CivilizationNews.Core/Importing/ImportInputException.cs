namespace CivilizationNews.Core.Importing;

public enum ImportInputReason
{
    Empty,
    Binary,
    UndecodableEncoding,
    TooLarge,

    /// <summary>The text defeated a pattern's time limit (<see cref="ImportLimits.RegexTimeoutMilliseconds"/>): built to be slow, or not a page.</summary>
    TooComplex,
}

/// <summary>
/// The upload is not a print page's text at all. <see cref="Exception.Message"/> is written for the
/// editor (in Chinese) and can be shown as is; <see cref="Reason"/> is for code.
/// </summary>
public sealed class ImportInputException : Exception
{
    public ImportInputException(ImportInputReason reason)
        : base(MessageFor(reason))
    {
        Reason = reason;
    }

    public ImportInputException(ImportInputReason reason, Exception innerException)
        : base(MessageFor(reason), innerException)
    {
        Reason = reason;
    }

    public ImportInputReason Reason { get; }

    public static string MessageFor(ImportInputReason reason) => reason switch
    {
        ImportInputReason.Empty => "文件是空的，没有可导入的内容。",
        ImportInputReason.Binary => "这不是文本文件，请上传版面的纯文本（.txt）。",
        ImportInputReason.UndecodableEncoding => "无法识别文件编码，请另存为 UTF-8 或 GB18030 后重试。",
        ImportInputReason.TooLarge => "文件超过 5 MB，请分版导入。",
        ImportInputReason.TooComplex => "版面文字过于复杂，无法自动分析：请检查是否混入了超长的行或大段重复的字符，或分版导入。",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
