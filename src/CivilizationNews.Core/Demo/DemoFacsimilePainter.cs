using System.Globalization;
using System.Text.RegularExpressions;
using CivilizationNews.Core.Importing;
using SkiaSharp;

namespace CivilizationNews.Core.Demo;

/// <summary>A story as the demo page prints it.</summary>
internal sealed record DemoPrintedStory(string? Kicker, string Title, string? Subtitle, string Body, byte[]? Photo);

/// <summary>A painted page: the image (JPEG), its size in points, and each story's block on it.</summary>
internal sealed record DemoPrintedPage(byte[] Jpeg, int PixelWidth, int PixelHeight, double Width, double Height, IReadOnlyList<PageRegion> Regions);

/// <summary>
/// Paints a demo edition page the way a broadsheet page looks — folio, masthead rule, the lead across the top,
/// the other stories in blocks below, photos in place — so that a new user sees the e-paper's page image and its
/// tappable stories at once, with nothing downloaded and no binary committed. Text is drawn with whatever
/// installed font covers Chinese; on a machine with none, the lines are drawn as grey bars.
/// </summary>
internal static partial class DemoFacsimilePainter
{
    /// <summary>A broadsheet page in PDF points (35 × 50 cm), as the layout system's PDFs have it.</summary>
    public const double PageWidth = 992.1;
    public const double PageHeight = 1417.3;
    public const int PixelWidth = 1200;

    private const double Margin = 40;
    private const double FolioBottom = 104;
    private const double Gap = 10;

    private static readonly SKColor Ink = new(0x22, 0x22, 0x22);
    private static readonly SKColor Grey = new(0x88, 0x88, 0x88);
    private static readonly SKColor Red = new(0xB4, 0x12, 0x1B);
    private static readonly SKColor Rule = new(0xB8, 0xB8, 0xB8);

    public static DemoPrintedPage Paint(string paper, DateOnly date, int pageNumber, string pageName, IReadOnlyList<DemoPrintedStory> stories)
    {
        var scale = PixelWidth / PageWidth;
        var pixelHeight = (int)Math.Round(PageHeight * scale);
        using var surface = SKSurface.Create(new SKImageInfo(PixelWidth, pixelHeight, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(0xFB, 0xFA, 0xF6));
        canvas.Scale((float)scale);
        var typeface = SKFontManager.Default.MatchCharacter('报');

        PaintFolio(canvas, typeface, paper, date, pageNumber, pageName);
        var blocks = Blocks(stories.Count);
        var regions = new List<PageRegion>();
        for (var i = 0; i < stories.Count; i++)
        {
            var block = blocks[i];
            PaintStory(canvas, typeface, stories[i], block, lead: i == 0 && stories.Count > 1);
            regions.Add(block);
        }
        canvas.Flush();
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return new DemoPrintedPage(data.ToArray(), PixelWidth, pixelHeight, PageWidth, PageHeight, regions);
    }

    /// <summary>The lead across the top; the rest two to a row below it (the last alone across the page when odd).</summary>
    private static List<PageRegion> Blocks(int count)
    {
        var top = FolioBottom + Gap;
        var width = PageWidth - 2 * Margin;
        var height = PageHeight - Margin - top;
        var blocks = new List<PageRegion>();
        if (count <= 1)
        {
            blocks.Add(new PageRegion(Margin, top, width, height));
            return blocks;
        }
        var leadHeight = Math.Round(height * (count > 3 ? 0.42 : 0.5), 1);
        blocks.Add(new PageRegion(Margin, top, width, leadHeight - Gap));
        var rest = count - 1;
        var rows = (rest + 1) / 2;
        var rowHeight = (height - leadHeight) / rows;
        for (var i = 0; i < rest; i++)
        {
            var row = i / 2;
            var alone = i == rest - 1 && rest % 2 == 1;
            var column = i % 2;
            var y = top + leadHeight + row * rowHeight;
            var w = alone ? width : (width - Gap) / 2;
            var x = alone ? Margin : Margin + column * ((width + Gap) / 2);
            blocks.Add(new PageRegion(Math.Round(x, 1), Math.Round(y, 1), Math.Round(w, 1), Math.Round(rowHeight - Gap, 1)));
        }
        return blocks;
    }

    private static void PaintFolio(SKCanvas canvas, SKTypeface? typeface, string paper, DateOnly date, int pageNumber, string pageName)
    {
        var week = "日一二三四五六"[(int)date.DayOfWeek];
        var line = string.Create(CultureInfo.InvariantCulture, $"{date.Year}年{date.Month}月{date.Day}日 星期{week}");
        var folio = string.Create(CultureInfo.InvariantCulture, $"第{pageNumber}版  {pageName}");
        DrawText(canvas, typeface, paper, Margin, 70, 40, Red, bold: true);
        DrawText(canvas, typeface, folio, PageWidth - Margin - 200, 58, 18, Ink, bold: true);
        DrawText(canvas, typeface, line, PageWidth - Margin - 200, 84, 13, Grey, bold: false);
        using var rule = new SKPaint { Color = Red, StrokeWidth = 3, IsAntialias = true };
        canvas.DrawLine((float)Margin, (float)FolioBottom, (float)(PageWidth - Margin), (float)FolioBottom, rule);
    }

    private static void PaintStory(SKCanvas canvas, SKTypeface? typeface, DemoPrintedStory story, PageRegion block, bool lead)
    {
        using (var frame = new SKPaint { Color = Rule, StrokeWidth = 0.8f, Style = SKPaintStyle.Stroke })
        {
            canvas.DrawRect((float)block.X, (float)block.Y, (float)block.Width, (float)block.Height, frame);
        }
        var x = block.X + 12;
        var width = block.Width - 24;
        var y = block.Y + 10;
        if (story.Kicker is { } kicker)
        {
            y += 16;
            DrawText(canvas, typeface, kicker, x, y, 13, Grey, bold: false, maxWidth: width);
            y += 6;
        }
        var headlineSize = lead ? 34.0 : 22.0;
        foreach (var headline in Wrap(story.Title, width, headlineSize, typeface, indent: false).Take(2))
        {
            y += headlineSize + 4;
            DrawText(canvas, typeface, headline, x, y, headlineSize, Ink, bold: true);
        }
        if (story.Subtitle is { } subtitle)
        {
            y += 22;
            DrawText(canvas, typeface, "——" + subtitle, x, y, 15, Ink, bold: false, maxWidth: width);
        }
        y += 14;

        var bottom = block.Bottom - 10;
        var columns = lead ? 4 : block.Width > PageWidth / 2 ? 3 : 2;
        var columnWidth = (width - (columns - 1) * 12) / columns;
        var photoColumns = 0;
        var photoBottom = y;
        if (story.Photo is { } photo && bottom - y > 120)
        {
            photoColumns = lead ? 2 : 1;
            var photoWidth = photoColumns * columnWidth + (photoColumns - 1) * 12;
            var photoHeight = Math.Min(photoWidth * 2 / 3, (bottom - y) * 0.6);
            using var bitmap = SKBitmap.Decode(photo);
            if (bitmap is not null)
            {
                var destination = SKRect.Create((float)(x + width - photoWidth), (float)y, (float)photoWidth, (float)photoHeight);
                using var image = SKImage.FromBitmap(bitmap);
                canvas.DrawImage(image, destination, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            }
            photoBottom = y + photoHeight + 8;
        }

        // Body text, column by column; the columns under the photo start below it.
        const double size = 9.5;
        const double leading = 15;
        var text = new Queue<string>(Wrap(Plain(story.Body), columnWidth, size, typeface, indent: true));
        for (var c = 0; c < columns && text.Count > 0; c++)
        {
            var columnX = x + c * (columnWidth + 12);
            var underPhoto = c >= columns - photoColumns;
            var lineY = (underPhoto ? photoBottom : y) + size;
            while (lineY < bottom && text.Count > 0)
            {
                DrawText(canvas, typeface, text.Dequeue(), columnX, lineY, size, Ink, bold: false);
                lineY += leading;
            }
        }
    }

    /// <summary>
    /// Breaks text into lines of a width, character by character (Chinese has no spaces to break at), measured with
    /// the font where there is one; body paragraphs are indented two characters as print does.
    /// </summary>
    private static IEnumerable<string> Wrap(string text, double width, double size, SKTypeface? typeface, bool indent)
    {
        using var font = typeface is null ? null : new SKFont(typeface, (float)size);
        foreach (var paragraph in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var rest = indent ? "　　" + paragraph : paragraph;
            while (rest.Length > 0)
            {
                var length = 0;
                var used = 0.0;
                while (length < rest.Length)
                {
                    var advance = font?.MeasureText(rest.AsSpan(length, 1)) ?? size;
                    if (used + advance > width && length > 0)
                    {
                        break;
                    }
                    used += advance;
                    length++;
                }
                yield return rest[..length];
                rest = rest[length..];
            }
        }
    }

    /// <summary>The story's Markdown as the printed words: marks, headings' hashes and links' addresses dropped.</summary>
    private static string Plain(string markdown) => MarkdownMarks().Replace(LinkTargets().Replace(markdown, "$1"), string.Empty);

    private static void DrawText(SKCanvas canvas, SKTypeface? typeface, string text, double x, double y, double size, SKColor color, bool bold, double maxWidth = double.MaxValue)
    {
        if (typeface is null)
        {
            // No font covers Chinese here: a grey bar where the line would be.
            using var bar = new SKPaint { Color = color.WithAlpha(bold ? (byte)200 : (byte)90) };
            var length = Math.Min(maxWidth, text.Length * size);
            canvas.DrawRect((float)x, (float)(y - size * 0.8), (float)length, (float)(size * 0.75), bar);
            return;
        }
        using var font = new SKFont(typeface, (float)size) { Embolden = bold, Subpixel = true };
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        var fitted = text;
        while (fitted.Length > 1 && font.MeasureText(fitted) > maxWidth)
        {
            fitted = fitted[..^1];
        }
        canvas.DrawText(fitted, (float)x, (float)y, SKTextAlign.Left, font, paint);
    }

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)", RegexOptions.None, Importing.ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex LinkTargets();

    [GeneratedRegex(@"(?m)^#+\s*|\*\*|__|^>\s?|^[-*]\s+", RegexOptions.None, Importing.ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex MarkdownMarks();
}
