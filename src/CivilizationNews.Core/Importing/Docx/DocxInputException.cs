namespace CivilizationNews.Core.Importing.Docx;

public enum DocxRefusal
{
    Empty,
    TooLarge,

    /// <summary>Not a Word document at all, or a damaged one (not a zip package, parts missing or unreadable).</summary>
    Broken,

    /// <summary>A password-protected document: Office writes those as an OLE compound file holding the encrypted package.</summary>
    Encrypted,

    /// <summary>An old binary .doc (an OLE compound file without encryption).</summary>
    LegacyDoc,

    /// <summary>A macro-enabled document or template (.docm, .dotm): refused, whatever the macros do.</summary>
    MacroEnabled,

    /// <summary>The document holds no text.</summary>
    NoText,

    /// <summary>The document's text is beyond what a story can hold.</summary>
    TooMuchText,
}

/// <summary>
/// The upload is not a Word document a draft can be made from. <see cref="Exception.Message"/> is written
/// for the newsroom (in Chinese) and can be shown as is; <see cref="Refusal"/> is for code and logs.
/// </summary>
public sealed class DocxInputException : Exception
{
    public DocxInputException(DocxRefusal refusal)
        : base(MessageFor(refusal))
    {
        Refusal = refusal;
    }

    public DocxInputException(DocxRefusal refusal, Exception innerException)
        : base(MessageFor(refusal), innerException)
    {
        Refusal = refusal;
    }

    public DocxRefusal Refusal { get; }

    public static string MessageFor(DocxRefusal refusal) => refusal switch
    {
        DocxRefusal.Empty => "请选择要导入的 Word 文档（.docx）。",
        DocxRefusal.TooLarge => "Word 文档超过 20 MB，请压缩其中的图片或分成几篇后再导入。",
        DocxRefusal.Broken => "文件已损坏或不是 Word 文档（.docx），无法读取。请在 Word 或 WPS 中打开后另存为 .docx 再导入。",
        DocxRefusal.Encrypted => "这份 Word 文档设置了打开密码，无法读取。请在 Word 或 WPS 中取消密码，另存后再导入。",
        DocxRefusal.LegacyDoc => "这是旧版 Word 文档（.doc），无法直接导入。请在 Word 或 WPS 中另存为 .docx 后再导入。",
        DocxRefusal.MacroEnabled => "这是启用宏的文档（.docm），为安全起见不予导入。请另存为普通的 Word 文档（.docx）后再导入。",
        DocxRefusal.NoText => "这份 Word 文档里没有文字，没有可导入的内容。",
        DocxRefusal.TooMuchText => "Word 文档的文字超过一篇稿件的上限（20万字），请拆分后再导入。",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal, null),
    };
}
