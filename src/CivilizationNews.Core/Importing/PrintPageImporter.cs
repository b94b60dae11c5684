using System.Collections.Frozen;
using System.Text;
using System.Text.RegularExpressions;

namespace CivilizationNews.Core.Importing;

/// <summary>
/// Reads a print page into draft stories for an editor to review: its plain text (as copied out of the
/// layout system or a PDF), or the page PDF itself, whose geometry gives the reading order and where each
/// story sits. Both go through the same story assembly. Stateless and thread-safe. See docs/importing.md.
/// </summary>
public sealed class PrintPageImporter
{
    /// <summary>A page's text is tens of kilobytes; anything above this is several pages or not text.</summary>
    public const int MaxBytes = 5 * 1024 * 1024;

    /// <summary>A page PDF with its pictures is a few megabytes; a whole day's pages in one file stay under this.</summary>
    public const long MaxPdfBytes = 50L * 1024 * 1024;

    /// <summary>A day's paper has dozens of pages; a PDF with more is not one edition.</summary>
    public const int MaxPdfPages = 200;

    private readonly FrozenSet<string> knownUnits;

    /// <summary>An importer that tells units' names from headline words by their form alone.</summary>
    public PrintPageImporter()
        : this([])
    {
    }

    /// <summary>
    /// An importer that also knows the newsroom's units: a one-line header whose first word is one of
    /// these names or short names is split into that kicker and the headline, whatever the name's form.
    /// </summary>
    public PrintPageImporter(IEnumerable<string> knownUnitNames)
    {
        ArgumentNullException.ThrowIfNull(knownUnitNames);
        knownUnits = knownUnitNames.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>Decodes UTF-8 (with or without BOM), UTF-16 with a BOM, or else GB18030/GBK, then imports.</summary>
    /// <exception cref="ImportInputException">The bytes are empty, binary, too large or in no known encoding.</exception>
    public ImportResult Import(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var (text, encoding) = PageDecoder.Decode(bytes);
        return Import(text) with { SourceEncoding = encoding };
    }

    /// <summary>
    /// Decodes bytes exactly as <see cref="Import(byte[])"/> does, for callers that also show the text
    /// (the review screen). Returns the text and "UTF-8", "GB18030" or "UTF-16".
    /// </summary>
    /// <exception cref="ImportInputException">The bytes are empty, binary, too large or in no known encoding.</exception>
    public static (string Text, string Encoding) Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return PageDecoder.Decode(bytes);
    }

    /// <summary>Whether the bytes are a PDF (its signature within the first kilobyte), to be read with <see cref="ImportPdf"/>.</summary>
    public static bool IsPdf(ReadOnlySpan<byte> bytes) => PdfPageReader.LooksLikePdf(bytes);

    /// <summary>The number of pages of a PDF, after the same checks as <see cref="ImportPdf"/> (size, pages, encryption).</summary>
    /// <exception cref="ImportInputException">The PDF is too large, has too many pages, is encrypted or broken.</exception>
    public static int CountPdfPages(byte[] pdf) => PdfPageReader.CountPages(pdf);

    /// <summary>
    /// Reads one page of a page PDF (1-based): its glyphs with their positions give the reading order,
    /// the headers and the paragraphs; the result carries the page's size and folio and every story's,
    /// photo's and byline's regions on the page.
    /// </summary>
    /// <exception cref="ImportInputException">
    /// The PDF is over <see cref="MaxPdfBytes"/> or <see cref="MaxPdfPages"/>, encrypted, broken, has no such page or no text on it.
    /// </exception>
    public ImportResult ImportPdf(byte[] pdf, int pageNumber = 1)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var content = PdfPageReader.Read(pdf, pageNumber);
        try
        {
            var reading = PdfTextFlow.Read(content);
            if (reading.Lines.Count == 0)
            {
                throw new ImportInputException(ImportInputReason.PdfNoText);
            }

            // An advertisement is no story, but its words are on the page: the editor sees them, whole.
            var advertisements = reading.Advertisements
                .Select(text => new ImportWarning(ImportWarningKind.Unattached, $"广告（不导入）：{text}", null))
                .ToList();
            var result = PdfRegions.Place(Assemble(reading.Lines, advertisements), reading);
            var (number, name, date) = reading.Folio is { } folio ? PdfTextFlow.ParseFolio(folio) : (null, null, null);
            return result with
            {
                Page = new ImportedPage(Math.Round(content.Width, 2), Math.Round(content.Height, 2))
                {
                    Number = number,
                    Name = name,
                    Date = date,
                    Folio = reading.Folio,
                    ReadingOrder = reading.Lines.Select(l => l.Text).ToList(),
                },
            };
        }
        catch (RegexMatchTimeoutException e)
        {
            throw new ImportInputException(ImportInputReason.TooComplex, e);
        }
    }

    /// <exception cref="ImportInputException">The text is empty, binary, too large or too complex to read in time.</exception>
    public ImportResult Import(string text)
    {
        try
        {
            return ImportText(text);
        }
        catch (RegexMatchTimeoutException e)
        {
            // Every pattern has a time limit (ImportLimits): text that defeats one is refused like any
            // other input that is not a page, with a message for the editor; the caller logs the reason.
            throw new ImportInputException(ImportInputReason.TooComplex, e);
        }
    }

    private ImportResult ImportText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Encoding.UTF8.GetByteCount(text) > MaxBytes)
        {
            throw new ImportInputException(ImportInputReason.TooLarge);
        }

        if (PageDecoder.LooksBinary(text))
        {
            throw new ImportInputException(ImportInputReason.Binary);
        }

        // Each step only adds structure to what the one before produced, so that every piece of text
        // stays traceable to its source lines and can end up somewhere, if only in a warning.
        var warnings = new List<ImportWarning>();
        var lines = LineReader.Read(text, warnings);
        if (lines.Count == 0)
        {
            throw new ImportInputException(ImportInputReason.Empty);
        }

        return Assemble(lines, warnings);
    }

    /// <summary>The story assembly both paths share: lines (with their hints, from a PDF) to stories.</summary>
    private ImportResult Assemble(IReadOnlyList<SourceLine> lines, List<ImportWarning> warnings)
    {
        var classified = LineClassifier.Classify(lines);
        var units = UnitBuilder.Build(classified);
        var page = StoryAssembler.Assemble(units, warnings, IsUnitName);
        JumpStitcher.Stitch(page);
        ContinuationAttacher.Attach(page);
        return ResultBuilder.Build(page);
    }

    private bool IsUnitName(string word) => knownUnits.Contains(word) || PrintText.LooksLikeUnitName(word);
}
