using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Exceptions;

namespace CivilizationNews.Core.Importing;

/// <summary>A rectangle in page points, origin at the top-left corner, y growing downwards.</summary>
internal readonly record struct Box(double Left, double Top, double Right, double Bottom)
{
    public double Width => Right - Left;

    public double Height => Bottom - Top;

    public double Area => Math.Max(0, Width) * Math.Max(0, Height);

    public Box Union(Box other) =>
        new(Math.Min(Left, other.Left), Math.Min(Top, other.Top), Math.Max(Right, other.Right), Math.Max(Bottom, other.Bottom));

    public Box Intersect(Box other) =>
        new(Math.Max(Left, other.Left), Math.Max(Top, other.Top), Math.Min(Right, other.Right), Math.Min(Bottom, other.Bottom));

    /// <summary>Overlap by more than <paramref name="margin"/> in both directions (touching edges do not count).</summary>
    public bool Overlaps(Box other, double margin = 0.5) =>
        Math.Min(Right, other.Right) - Math.Max(Left, other.Left) > margin
        && Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top) > margin;

    public bool Contains(Box other, double margin = 1) =>
        other.Left >= Left - margin && other.Right <= Right + margin && other.Top >= Top - margin && other.Bottom <= Bottom + margin;

    public PageRegion ToRegion() => new(Math.Round(Left, 2), Math.Round(Top, 2), Math.Round(Width, 2), Math.Round(Height, 2));

    public static Box Bound(IEnumerable<Box> boxes)
    {
        var result = (Box?)null;
        foreach (var box in boxes)
        {
            result = result is { } sofar ? sofar.Union(box) : box;
        }

        return result ?? default;
    }
}

/// <summary>
/// One printed character: its advance box from the baseline and the point size (an em box, so that the
/// glyphs of one line share their top and bottom whatever their shapes), and whether its font is bold.
/// </summary>
internal sealed record Glyph(string Text, Box Box, double Baseline, double Size, bool Bold)
{
    public bool IsSpace => string.IsNullOrWhiteSpace(Text);
}

/// <summary>What the layout analysis needs of one PDF page: glyphs, pictures, rules and boxes, in top-left coordinates.</summary>
internal sealed record PdfPageContent(
    double Width,
    double Height,
    IReadOnlyList<Glyph> Glyphs,
    IReadOnlyList<Box> Images,
    IReadOnlyList<Box> HorizontalRules,
    IReadOnlyList<Box> VerticalRules,
    IReadOnlyList<Box> Frames);

/// <summary>
/// Opens a page PDF with PdfPig (ADR-0014) and reads one page's glyphs with their positions, its pictures
/// (as they show through their clipping), its rules and its ruled boxes. Refuses what is not a readable
/// page PDF with an <see cref="ImportInputException"/>: too large, too many pages, encrypted, broken, no text.
/// </summary>
internal static class PdfPageReader
{
    /// <summary>Thinner than this and at least <see cref="MinRuleLength"/> long, a filled or stroked path is a rule.</summary>
    private const double MaxRuleThickness = 3;

    private const double MinRuleLength = 8;

    /// <summary>Characters on one page at most; a broadsheet page of small type has a few tens of thousands.</summary>
    public const int MaxGlyphs = 200_000;

    /// <summary>Rules and box edges on one page at most; a news page has dozens.</summary>
    public const int MaxRules = 4_000;

    public static bool LooksLikePdf(ReadOnlySpan<byte> bytes)
    {
        // The header may follow a little junk (PDF readers look within the first kilobyte).
        var head = bytes[..Math.Min(bytes.Length, 1024)];
        return head.IndexOf("%PDF-"u8) >= 0;
    }

    public static int CountPages(byte[] pdf)
    {
        using var document = Open(pdf);
        return document.NumberOfPages;
    }

    /// <summary>The size of the first page in points (its MediaBox), for a page with or without text.</summary>
    public static (double Width, double Height) PageSize(byte[] pdf)
    {
        using var document = Open(pdf);
        try
        {
            var page = document.GetPage(1);
            return (page.Width, page.Height);
        }
        catch (Exception e) when (e is not ImportInputException and not OutOfMemoryException)
        {
            throw new ImportInputException(ImportInputReason.PdfBroken, e);
        }
    }

    public static PdfPageContent Read(byte[] pdf, int pageNumber)
    {
        using var document = Open(pdf);
        if (pageNumber < 1 || pageNumber > document.NumberOfPages)
        {
            throw new ImportInputException(ImportInputReason.PdfNoSuchPage);
        }

        PdfPageContent content;
        try
        {
            content = Extract(document.GetPage(pageNumber));
        }
        catch (Exception e) when (e is not ImportInputException and not OutOfMemoryException)
        {
            // PdfPig reports a damaged content stream, font or object with many exception types.
            throw new ImportInputException(ImportInputReason.PdfBroken, e);
        }

        if (!content.Glyphs.Any(g => !g.IsSpace))
        {
            throw new ImportInputException(ImportInputReason.PdfNoText);
        }

        if (content.Glyphs.Count > MaxGlyphs || content.HorizontalRules.Count + content.VerticalRules.Count > MaxRules)
        {
            // A page of a newspaper has ten or twenty thousand characters and a few dozen rules.
            throw new ImportInputException(ImportInputReason.TooComplex);
        }

        return content;
    }

    private static PdfDocument Open(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        if (pdf.Length == 0)
        {
            throw new ImportInputException(ImportInputReason.Empty);
        }

        if (pdf.LongLength > PrintPageImporter.MaxPdfBytes)
        {
            throw new ImportInputException(ImportInputReason.PdfTooLarge);
        }

        if (!LooksLikePdf(pdf))
        {
            throw new ImportInputException(ImportInputReason.PdfBroken);
        }

        PdfDocument document;
        try
        {
            document = PdfDocument.Open(pdf, new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
        }
        catch (PdfDocumentEncryptedException e)
        {
            throw new ImportInputException(ImportInputReason.PdfEncrypted, e);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new ImportInputException(ImportInputReason.PdfBroken, e);
        }

        try
        {
            if (document.IsEncrypted)
            {
                // Even one that opens without a password: its owner restricted what may be done with it.
                throw new ImportInputException(ImportInputReason.PdfEncrypted);
            }

            var pages = document.NumberOfPages;
            if (pages > PrintPageImporter.MaxPdfPages)
            {
                throw new ImportInputException(ImportInputReason.PdfTooManyPages);
            }

            if (pages < 1)
            {
                throw new ImportInputException(ImportInputReason.PdfBroken);
            }

            return document;
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    private static PdfPageContent Extract(Page page)
    {
        var media = page.MediaBox.Bounds;
        var (left, top) = (media.Left, media.Top);
        Box ToBox(PdfRectangle r) =>
            new(Math.Min(r.Left, r.Right) - left, top - Math.Max(r.Top, r.Bottom), Math.Max(r.Left, r.Right) - left, top - Math.Min(r.Top, r.Bottom));

        var glyphs = new List<Glyph>();
        foreach (var letter in page.Letters)
        {
            if (string.IsNullOrEmpty(letter.Value))
            {
                continue;
            }

            var bounds = ToBox(letter.BoundingBox);
            var size = letter.PointSize > 0.5 ? letter.PointSize : Math.Max(bounds.Height, 1);
            if (letter.TextOrientation != TextOrientation.Horizontal)
            {
                // Rotated text (rare on a news page): its drawn box stands for it.
                glyphs.Add(new Glyph(letter.Value, bounds, bounds.Bottom, size, IsBold(letter)));
                continue;
            }

            var baseline = top - letter.StartBaseLine.Y;
            var x0 = Math.Min(letter.StartBaseLine.X - left, bounds.Left);
            var x1 = Math.Max(letter.EndBaseLine.X - left, bounds.Right);
            glyphs.Add(new Glyph(letter.Value, new Box(x0, baseline - (0.88 * size), x1, baseline + (0.12 * size)), baseline, size, IsBold(letter)));
        }

        var clips = new List<Box>();
        var horizontal = new List<Box>();
        var vertical = new List<Box>();
        var frames = new List<Box>();
        var pageBox = new Box(0, 0, media.Width, media.Height);
        foreach (var path in page.Paths)
        {
            if (path.GetBoundingRectangle() is not { } rectangle)
            {
                continue;
            }

            var box = ToBox(rectangle);
            if (path.IsClipping)
            {
                clips.Add(box);
            }
            else if (box.Height <= MaxRuleThickness && box.Width >= MinRuleLength && (path.IsFilled || path.IsStroked))
            {
                horizontal.Add(box);
            }
            else if (box.Width <= MaxRuleThickness && box.Height >= MinRuleLength && (path.IsFilled || path.IsStroked))
            {
                vertical.Add(box);
            }
            else if (path.IsStroked && !path.IsFilled && box.Width >= MinRuleLength && box.Height >= MinRuleLength && box.Area < pageBox.Area * 0.5)
            {
                // A ruled box (the page byline, a sidebar): its edges separate like rules.
                frames.Add(box);
                horizontal.Add(box with { Bottom = box.Top + 0.5 });
                horizontal.Add(box with { Top = box.Bottom - 0.5 });
                vertical.Add(box with { Right = box.Left + 0.5 });
                vertical.Add(box with { Left = box.Right - 0.5 });
            }
        }

        var images = new List<Box>();
        foreach (var image in page.GetImages())
        {
            var bounds = ToBox(image.BoundingBox).Intersect(pageBox);
            // A picture cropped to its frame (object-fit: cover) is drawn larger and clipped: what shows is
            // the part inside the clipping rectangle that covers most of it.
            var clip = clips.Where(c => c.Area < pageBox.Area * 0.9 && c.Overlaps(bounds))
                .OrderByDescending(c => c.Intersect(bounds).Area).Cast<Box?>().FirstOrDefault();
            var shown = clip is { } c2 ? bounds.Intersect(c2) : bounds;
            if (shown.Width > 1 && shown.Height > 1)
            {
                images.Add(shown);
            }
        }

        return new PdfPageContent(media.Width, media.Height, glyphs, images, horizontal, vertical, frames);
    }

    /// <summary>
    /// A bold face by its font's flags or name, or synthesised: stroked glyphs, or a Type 3 font, which is how
    /// Chromium's PDF backend (Skia) writes the bold of a font that has none (see docs/importing.md).
    /// </summary>
    private static bool IsBold(Letter letter)
    {
        if (letter.FontDetails is { } font && (font.IsBold || font.Weight >= 600))
        {
            return true;
        }

        var name = letter.FontName ?? string.Empty;
        return letter.RenderingMode is TextRenderingMode.FillThenStroke or TextRenderingMode.Stroke
            || name.Equals("Type3", StringComparison.Ordinal)
            || name.Contains("Bold", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Black", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Heavy", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Semibold", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Demi", StringComparison.OrdinalIgnoreCase);
    }
}
