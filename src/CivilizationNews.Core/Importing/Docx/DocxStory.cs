namespace CivilizationNews.Core.Importing.Docx;

/// <summary>
/// A Word document read as one draft story: <see cref="Result"/> is the IMPORT-FORMAT shape (one article,
/// its body as Markdown paragraphs; one photo per embedded image, in document order, with its caption and
/// credit when the document has them), and <see cref="Images"/> holds the pictures themselves, index for
/// index with <see cref="ImportResult.Photos"/>.
/// </summary>
public sealed record DocxStory(ImportResult Result, IReadOnlyList<DocxImage> Images)
{
    public ImportedArticle Article => Result.Articles[0];

    /// <summary>The credit printed inside the dateline (本报讯（记者 王磊）), which the dateline keeps; also part of <see cref="ImportedArticle.Credit"/>.</summary>
    public string? DatelineCredit { get; init; }
}

/// <summary>
/// An embedded picture. <see cref="Data"/> is null when it cannot go into the media library (a format the
/// library does not take, or too large); <see cref="Problem"/> then says why, in Chinese.
/// </summary>
public sealed record DocxImage(int Number, byte[]? Data, string ContentType, string? AltText, string? Problem);
