using CivilizationNews.Core.Articles;

namespace CivilizationNews.Core.Editions;

/// <summary>
/// 版面原样: a printed page as the layout system exported it — the page's PDF and the page image drawn
/// from it (or uploaded beside it). Uploaded first and read into a proposal (<see cref="EditionPageId"/> null,
/// found by <see cref="UploadKey"/>); attached to its edition page when the editor creates the page's stories.
/// Readers see it only once the edition is published.
/// </summary>
public class PageFacsimile
{
    public int Id { get; set; }

    /// <summary>The edition page it shows; null while it waits for review.</summary>
    public int? EditionPageId { get; set; }
    public EditionPage? EditionPage { get; set; }

    /// <summary>The key the upload list and the review form carry.</summary>
    public Guid UploadKey { get; set; }

    /// <summary>Where the upload said (or the folio printed) the page belongs, until it is attached.</summary>
    public DateOnly EditionDate { get; set; }
    public int PageNumber { get; set; }
    public string? PageName { get; set; }

    /// <summary>The section the page's drafts go to, chosen at upload.</summary>
    public int? SectionId { get; set; }

    /// <summary>The page's size in PDF points (the MediaBox); regions are in the same units.</summary>
    public double Width { get; set; }
    public double Height { get; set; }

    /// <summary>False for a scanned page with no text layer: the image is shown, no stories are proposed.</summary>
    public bool HasTextLayer { get; set; }

    /// <summary>The upload's file name, for the newsroom's list.</summary>
    public required string FileName { get; set; }

    /// <summary>The one-page PDF (a page of a multi-page upload is stored on its own).</summary>
    public required byte[] Pdf { get; set; }
    public long PdfLength { get; set; }

    /// <summary>How the page image was made: rendered from the PDF, uploaded beside it, or painted for the demo.</summary>
    public FacsimileImageSource ImageSource { get; set; }

    /// <summary>The proposal read from the PDF (IMPORT-FORMAT JSON), kept for the review; null once attached.</summary>
    public string? ProposalJson { get; set; }

    public FacsimileStatus Status { get; set; }

    /// <summary>When a processor took the page (a claim older than the processing limit is taken again).</summary>
    public DateTime? ClaimedAt { get; set; }

    /// <summary>What the editor should know (Chinese): why processing failed, or that the page has no text layer.</summary>
    public string? Note { get; set; }

    public string? UploadedBy { get; set; }
    public DateTime UploadedAt { get; set; }

    public List<PageFacsimileImage> Images { get; set; } = [];
}

/// <summary>Where an uploaded page is: waiting to be read and drawn, ready for review, failed, or on its edition page.</summary>
public enum FacsimileStatus
{
    Pending = 1,
    Ready = 2,
    Failed = 3,
    Attached = 4,
}

public enum FacsimileImageSource
{
    Rendered = 1,
    Uploaded = 2,
    Demo = 3,
}

/// <summary>One rendition of a page image ("original", "w960.webp", …), as a photo's renditions are named.</summary>
public class PageFacsimileImage
{
    public int Id { get; set; }
    public int FacsimileId { get; set; }
    public PageFacsimile? Facsimile { get; set; }
    public required string Name { get; set; }
    public required string ContentType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public required byte[] Data { get; set; }
}

public enum PageRegionKind
{
    Story = 1,
    Photo = 2,
}

/// <summary>
/// 热区: a rectangle of an edition page, in PDF points from the page's top-left corner, that belongs to a story
/// (one of its blocks, or a photo printed with it). A region whose story is gone or unpublished is drawn, not linked.
/// </summary>
public class EditionPageRegion
{
    public int Id { get; set; }
    public int EditionPageId { get; set; }
    public EditionPage? EditionPage { get; set; }
    public int? ArticleId { get; set; }
    public Article? Article { get; set; }
    public PageRegionKind Kind { get; set; }
    public int Order { get; set; }
    public double X { get; set; }
    public double Y { get; set; }
    public double Width { get; set; }
    public double Height { get; set; }
}
