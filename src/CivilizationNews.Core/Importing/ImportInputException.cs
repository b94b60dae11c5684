namespace CivilizationNews.Core.Importing;

public enum ImportInputReason
{
    Empty,
    Binary,
    UndecodableEncoding,
    TooLarge,

    /// <summary>The text defeated a pattern's time limit (<see cref="ImportLimits.RegexTimeoutMilliseconds"/>): built to be slow, or not a page.</summary>
    TooComplex,

    /// <summary>A PDF over <see cref="PrintPageImporter.MaxPdfBytes"/>.</summary>
    PdfTooLarge,

    /// <summary>A PDF of more than <see cref="PrintPageImporter.MaxPdfPages"/> pages.</summary>
    PdfTooManyPages,

    /// <summary>An encrypted PDF, with or without a password to open it.</summary>
    PdfEncrypted,

    /// <summary>Not a PDF that can be read: damaged, truncated, or something else named .pdf.</summary>
    PdfBroken,

    /// <summary>A page with no text layer (a scan or an image): nothing to read stories from.</summary>
    PdfNoText,

    /// <summary>The page asked for is not in the PDF.</summary>
    PdfNoSuchPage,
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
        ImportInputReason.PdfTooLarge => "PDF 文件超过 50 MB，请按版分开导出后再导入。",
        ImportInputReason.PdfTooManyPages => "PDF 超过 200 页，请按版分开导出后再导入。",
        ImportInputReason.PdfEncrypted => "PDF 已加密，无法读取其中的文字。请从排版系统导出未加密的 PDF 后重试。",
        ImportInputReason.PdfBroken => "PDF 文件已损坏或不完整，无法读取。请重新导出后再试。",
        ImportInputReason.PdfNoText => "这一页 PDF 没有文字层（可能是扫描件或图片），无法自动分出稿件。请从排版系统导出带文字的 PDF，或改用粘贴文字导入。",
        ImportInputReason.PdfNoSuchPage => "PDF 中没有要导入的这一页，请检查页码。",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, null),
    };
}
