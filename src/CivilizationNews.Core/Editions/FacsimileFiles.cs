using CivilizationNews.Core.Importing;
using CivilizationNews.Core.Media;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace CivilizationNews.Core.Editions;

/// <summary>
/// The files of a page facsimile: the page image's renditions (a thumbnail for the page list, phone and desktop
/// widths, and a large one for zooming), a single page cut out of a multi-page PDF, and the PDF of a page that
/// exists only as an image (the demo paper). PdfPig writes the PDFs (ADR-0014).
/// </summary>
public static class FacsimileFiles
{
    /// <summary>The page image's widths: 160 for thumbnails, then phone, tablet, desktop and zoom.</summary>
    public static readonly int[] Widths = [160, 480, 960, 1600, 2400];

    /// <summary>The resolution a page is drawn at: a 35 cm broadsheet page comes out about 2,400 pixels wide.</summary>
    public static int DpiFor(double widthPoints) => Math.Clamp((int)Math.Round(Widths[^1] / (widthPoints / 72.0)), 72, 300);

    /// <summary>JPEG and (unless <paramref name="webp"/> is false) WebP renditions of a page image, at <see cref="Widths"/> (never enlarged).</summary>
    public static List<PageFacsimileImage> Renditions(byte[] image, string contentType, bool webp = true) =>
        ImageProcessor.CreateRenditions(image, contentType, Widths, keepOriginal: false, webp: webp)
            .Select(r => new PageFacsimileImage { Name = r.Name, ContentType = r.ContentType, Width = r.Width, Height = r.Height, Data = r.Data })
            .ToList();

    /// <summary>Page <paramref name="pageNumber"/> (1-based) of a PDF as a PDF of its own.</summary>
    /// <exception cref="ImportInputException">The PDF is encrypted, broken or has no such page.</exception>
    public static byte[] SinglePage(byte[] pdf, int pageNumber)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        try
        {
            using var document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            if (pageNumber < 1 || pageNumber > document.NumberOfPages)
            {
                throw new ImportInputException(ImportInputReason.PdfNoSuchPage);
            }
            if (document.NumberOfPages == 1)
            {
                return pdf;
            }
            using var builder = new PdfDocumentBuilder();
            builder.AddPage(document, pageNumber);
            return builder.Build();
        }
        catch (Exception e) when (e is not ImportInputException and not OutOfMemoryException)
        {
            throw new ImportInputException(e is UglyToad.PdfPig.Exceptions.PdfDocumentEncryptedException ? ImportInputReason.PdfEncrypted : ImportInputReason.PdfBroken, e);
        }
    }

    /// <summary>A one-page PDF of the page's size holding the page image (for a page that exists only as an image).</summary>
    public static byte[] PdfOfImage(byte[] jpeg, double widthPoints, double heightPoints)
    {
        using var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(widthPoints, heightPoints);
        page.AddJpeg(jpeg, new PdfRectangle(0, 0, widthPoints, heightPoints));
        return builder.Build();
    }
}
