using System.Globalization;
using System.Text;
using System.Xml;
using CivilizationNews.Core.Media;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using Wp = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace CivilizationNews.Core.Importing.Docx;

/// <summary>
/// Reads a Word document (.docx) that a reporter or correspondent filed into one draft story: the title
/// from the first heading (or the first line), the body as Markdown in the house conventions (headings
/// and short all-bold lines become "## " subheads; bold, lists, links and tables kept; empty paragraphs
/// and the full-width indent dropped), the embedded pictures with their captions, and the byline read by
/// the text importer's own <see cref="BylineParser"/>, <see cref="Markers"/> and <see cref="CaptionParser"/>.
/// Stateless and thread-safe. Refuses what is not a plain .docx with a <see cref="DocxInputException"/>.
/// See docs/importing.md ("Word documents").
/// </summary>
public static class DocxReader
{
    /// <summary>A story with its photos is a few megabytes; 20 MB leaves room for phone pictures.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <summary>The most text a story holds (the editor's own limit, ArticleDesk).</summary>
    public const int MaxBodyCharacters = 200_000;

    /// <summary>
    /// The XML of one part may hold this many characters. A document's text is a small share of its XML,
    /// so this is far beyond any story; it stops a few compressed megabytes from unpacking into gigabytes.
    /// </summary>
    public const long MaxCharactersInPart = 32L * 1024 * 1024;

    /// <summary>A story carries a handful of photos; pictures past this many are listed for the writer, not uploaded.</summary>
    public const int MaxImages = 60;

    private static readonly byte[] OleSignature = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] EncryptedPackageName = Encoding.Unicode.GetBytes("EncryptedPackage");

    /// <exception cref="DocxInputException">The bytes are not a readable, unprotected, macro-free .docx with text in it.</exception>
    public static DocxStory Read(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length == 0)
        {
            throw new DocxInputException(DocxRefusal.Empty);
        }
        if (bytes.Length > MaxBytes)
        {
            throw new DocxInputException(DocxRefusal.TooLarge);
        }
        if (bytes.AsSpan().StartsWith(OleSignature))
        {
            // Office keeps a password-protected .docx as a compound file with an EncryptedPackage stream;
            // any other compound file is a binary .doc (or not Word at all).
            throw new DocxInputException(bytes.AsSpan().IndexOf(EncryptedPackageName) >= 0 ? DocxRefusal.Encrypted : DocxRefusal.LegacyDoc);
        }
        if (!bytes.AsSpan().StartsWith(ZipSignature))
        {
            throw new DocxInputException(DocxRefusal.Broken);
        }

        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            using var document = WordprocessingDocument.Open(stream, false, new OpenSettings { AutoSave = false, MaxCharactersInPart = MaxCharactersInPart });
            if (document.DocumentType is var type && (type == WordprocessingDocumentType.MacroEnabledDocument || type == WordprocessingDocumentType.MacroEnabledTemplate)
                || document.MainDocumentPart?.VbaProjectPart is not null)
            {
                throw new DocxInputException(DocxRefusal.MacroEnabled);
            }
            var main = document.MainDocumentPart ?? throw new DocxInputException(DocxRefusal.Broken);
            var body = main.Document?.Body ?? throw new DocxInputException(DocxRefusal.Broken);
            return new Reading(main).Read(body);
        }
        catch (Exception e) when (e is OpenXmlPackageException or FileFormatException or InvalidDataException or XmlException
            or InvalidOperationException or IOException or NotSupportedException or ArgumentException or KeyNotFoundException)
        {
            throw new DocxInputException(DocxRefusal.Broken, e);
        }
    }

    /// <summary>A piece of a paragraph's text: plain, bold or a link; <see cref="Break"/> ends a line.</summary>
    private sealed record Segment(string Text, bool Bold, string? Href, bool Break = false);

    private sealed class Block
    {
        public List<Segment> Segments { get; } = [];
        public List<int> Images { get; } = [];
        /// <summary>0 for a title, 1–9 for headings, null for body text.</summary>
        public int? Heading { get; set; }
        public bool IsCaption { get; set; }
        public (bool Ordered, int Level, string NumberingId)? List { get; set; }
        /// <summary>A table, already written as Markdown.</summary>
        public string? Table { get; set; }

        public string PlainText => string.Concat(Segments.Select(s => s.Break ? "\n" : s.Text));
    }

    /// <summary>One read of one document: its styles, numbering and pictures.</summary>
    private sealed class Reading(MainDocumentPart main)
    {
        private readonly Dictionary<string, Style> _styles = (main.StyleDefinitionsPart?.Styles?.Elements<Style>() ?? [])
            .Where(s => s.StyleId?.Value is not null)
            .GroupBy(s => s.StyleId!.Value!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        private readonly List<DocxImage> _images = [];
        private readonly Dictionary<string, int> _imageByPart = new(StringComparer.Ordinal);

        public DocxStory Read(Body body)
        {
            var blocks = new List<Block>();
            foreach (var element in BlockElements(body))
            {
                switch (element)
                {
                    case Paragraph paragraph:
                        blocks.AddRange(ReadParagraph(paragraph));
                        break;
                    case Table table:
                        blocks.AddRange(ReadTable(table));
                        break;
                }
            }
            return Assemble(blocks);
        }

        /// <summary>Paragraphs and tables in reading order, looking through content controls and custom XML.</summary>
        private static IEnumerable<OpenXmlElement> BlockElements(OpenXmlElement container)
        {
            foreach (var child in container.ChildElements)
            {
                switch (child)
                {
                    case Paragraph or Table:
                        yield return child;
                        break;
                    case SdtBlock or SdtContentBlock or CustomXmlBlock:
                        foreach (var inner in BlockElements(child))
                        {
                            yield return inner;
                        }
                        break;
                }
            }
        }

        // ---- paragraphs -------------------------------------------------------------------------

        /// <summary>A paragraph, split where the writer put a line break (Shift+Enter), as the text importer splits lines.</summary>
        private List<Block> ReadParagraph(Paragraph paragraph)
        {
            var styleId = paragraph.ParagraphProperties?.ParagraphStyleId?.Val?.Value;
            var first = new Block
            {
                Heading = HeadingLevel(paragraph, styleId),
                IsCaption = StyleChain(styleId).Any(s => IsCaptionName(s.StyleName?.Val?.Value) || IsCaptionName(s.StyleId?.Value)),
                List = ListOf(paragraph, styleId),
            };
            var styleBold = StyleChain(styleId).Select(s => s.StyleRunProperties?.Bold).FirstOrDefault(b => b is not null) is { } sb && IsOn(sb.Val);
            var blocks = new List<Block> { first };
            foreach (var segment in Inline(paragraph, styleBold, null))
            {
                var current = blocks[^1];
                if (segment.Break)
                {
                    blocks.Add(new Block { Heading = first.Heading, IsCaption = first.IsCaption });
                    continue;
                }
                if (segment.Text.StartsWith('\uFFFC') && int.TryParse(segment.Text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var image))
                {
                    current.Images.Add(image);
                    continue;
                }
                current.Segments.Add(segment);
            }
            return blocks;
        }

        private IEnumerable<Segment> Inline(OpenXmlElement container, bool bold, string? href)
        {
            foreach (var child in container.ChildElements)
            {
                switch (child)
                {
                    case ParagraphProperties or DeletedRun or MoveFromRun:
                        break;
                    case Run run:
                        foreach (var segment in ReadRun(run, bold, href))
                        {
                            yield return segment;
                        }
                        break;
                    case Hyperlink link:
                        foreach (var segment in Inline(link, bold, LinkTarget(link) ?? href))
                        {
                            yield return segment;
                        }
                        break;
                    default:
                        // Inserted runs, simple fields, content controls, smart tags: their runs are the text.
                        foreach (var segment in Inline(child, bold, href))
                        {
                            yield return segment;
                        }
                        break;
                }
            }
        }

        private IEnumerable<Segment> ReadRun(Run run, bool paragraphBold, string? href)
        {
            var properties = run.RunProperties;
            var bold = properties?.Bold is { } b ? IsOn(b.Val)
                : StyleChain(properties?.RunStyle?.Val?.Value).Select(s => s.StyleRunProperties?.Bold).FirstOrDefault(x => x is not null) is { } rb ? IsOn(rb.Val)
                : paragraphBold;
            foreach (var child in run.ChildElements)
            {
                switch (child)
                {
                    case Text text:
                        yield return new Segment(text.Text, bold, href);
                        break;
                    case TabChar or PositionalTab:
                        yield return new Segment(" ", bold, href);
                        break;
                    case Break br when br.Type is null || br.Type.Value == BreakValues.TextWrapping:
                        yield return new Segment(string.Empty, false, null, Break: true);
                        break;
                    case CarriageReturn:
                        yield return new Segment(string.Empty, false, null, Break: true);
                        break;
                    case NoBreakHyphen:
                        yield return new Segment("-", bold, href);
                        break;
                    case Drawing or Picture or EmbeddedObject:
                        foreach (var image in Images(child))
                        {
                            // A marker the paragraph reader turns back into the picture's place.
                            yield return new Segment("\uFFFC" + image.ToString(CultureInfo.InvariantCulture), false, null);
                        }
                        break;
                }
            }
        }

        private string? LinkTarget(Hyperlink link)
        {
            if (link.Id?.Value is not { } id)
            {
                return null;
            }
            var target = main.HyperlinkRelationships.FirstOrDefault(r => r.Id == id)?.Uri;
            return target is { IsAbsoluteUri: true } uri && uri.Scheme is "http" or "https" or "mailto" ? uri.AbsoluteUri : null;
        }

        // ---- pictures ---------------------------------------------------------------------------

        /// <summary>The pictures in a drawing (DrawingML) or an old VML picture, each read once, numbered in document order.</summary>
        private List<int> Images(OpenXmlElement element)
        {
            var found = new List<int>();
            var alt = element.Descendants<Wp.DocProperties>().Select(d => FirstText(d.Description?.Value, d.Title?.Value)).FirstOrDefault(t => t is not null);
            var ids = element.Descendants<A.Blip>().Select(b => b.Embed?.Value)
                .Concat(element.Descendants<DocumentFormat.OpenXml.Vml.ImageData>().Select(d => d.RelationshipId?.Value))
                .OfType<string>();
            foreach (var id in ids)
            {
                if (main.Parts.FirstOrDefault(p => p.RelationshipId == id).OpenXmlPart is not ImagePart part)
                {
                    continue;
                }
                var key = part.Uri.OriginalString;
                if (!_imageByPart.TryGetValue(key, out var index))
                {
                    index = _images.Count;
                    _images.Add(ReadImage(part, index + 1, alt));
                    _imageByPart[key] = index;
                }
                found.Add(index);
            }
            return found;
        }

        private static DocxImage ReadImage(ImagePart part, int number, string? alt)
        {
            var type = part.ContentType;
            if (number > MaxImages)
            {
                return new DocxImage(number, null, type, alt, $"第 {number} 张图片：一篇稿件最多导入 {MaxImages} 张图片，其余请在稿件中挑选上传。");
            }
            if (type is not ("image/jpeg" or "image/png" or "image/webp"))
            {
                return new DocxImage(number, null, type, alt, $"第 {number} 张图片是 {FormatName(type)} 格式，图片库只收 JPEG、PNG、WebP，请另存为 JPEG 后在稿件中上传。");
            }
            using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
            using var copy = new MemoryStream();
            // Read one byte past the library's limit at most: a part that unpacks larger is refused unread.
            var buffer = new byte[81920];
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                copy.Write(buffer, 0, read);
                if (copy.Length > ImageUploadValidator.MaxBytes)
                {
                    return new DocxImage(number, null, type, alt, $"第 {number} 张图片超过 10 MB，请压缩后在稿件中上传。");
                }
            }
            return new DocxImage(number, copy.ToArray(), type, alt, null);
        }

        private static string FormatName(string contentType) => contentType switch
        {
            "image/x-emf" or "image/emf" => "EMF",
            "image/x-wmf" or "image/wmf" => "WMF",
            "image/gif" => "GIF",
            "image/tiff" => "TIFF",
            "image/bmp" => "BMP",
            _ => contentType,
        };

        // ---- tables -----------------------------------------------------------------------------

        /// <summary>
        /// A table as a Markdown pipe table, the first row as its header; merged cells leave empty cells.
        /// A one-cell table is a box around text (a layout device), so its paragraphs are read as paragraphs.
        /// </summary>
        private List<Block> ReadTable(Table table)
        {
            var rows = table.Elements<TableRow>().ToList();
            var cells = rows.SelectMany(r => r.Elements<TableCell>()).ToList();
            if (rows.Count == 1 && cells.Count == 1)
            {
                return [.. BlockElements(cells[0]).SelectMany(e => e is Table inner ? ReadTable(inner) : ReadParagraph((Paragraph)e))];
            }
            var grid = new List<List<string>>();
            var images = new List<int>();
            foreach (var row in rows)
            {
                var line = new List<string>();
                foreach (var cell in row.Elements<TableCell>())
                {
                    var merged = cell.TableCellProperties?.VerticalMerge is { } vm && (vm.Val is null || vm.Val.Value == MergedCellValues.Continue);
                    var text = new List<string>();
                    foreach (var paragraph in cell.Descendants<Paragraph>())
                    {
                        foreach (var block in ReadParagraph(paragraph))
                        {
                            images.AddRange(block.Images);
                            var markdown = Markdown(block.Segments).Trim();
                            if (markdown.Length > 0)
                            {
                                text.Add(markdown);
                            }
                        }
                    }
                    line.Add(merged ? string.Empty : string.Join(" ", text));
                    var span = cell.TableCellProperties?.GridSpan?.Val?.Value ?? 1;
                    for (var i = 1; i < span; i++)
                    {
                        line.Add(string.Empty);
                    }
                }
                if (line.Any(c => c.Length > 0))
                {
                    grid.Add(line);
                }
            }
            var result = new List<Block>();
            if (grid.Count > 0)
            {
                var columns = grid.Max(r => r.Count);
                var markdown = new StringBuilder();
                for (var r = 0; r < grid.Count; r++)
                {
                    var padded = grid[r].Concat(Enumerable.Repeat(string.Empty, columns - grid[r].Count));
                    markdown.Append("| ").AppendJoin(" | ", padded).Append(" |\n");
                    if (r == 0)
                    {
                        markdown.Append('|').Append(string.Concat(Enumerable.Repeat(" --- |", columns))).Append('\n');
                    }
                }
                result.Add(new Block { Table = markdown.ToString().TrimEnd('\n') });
            }
            if (images.Count > 0)
            {
                // Pictures set in a table still belong to the story.
                var holder = new Block();
                holder.Images.AddRange(images);
                result.Add(holder);
            }
            return result;
        }

        // ---- styles -----------------------------------------------------------------------------

        private IEnumerable<Style> StyleChain(string? styleId)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (styleId is not null && seen.Add(styleId) && _styles.TryGetValue(styleId, out var style))
            {
                yield return style;
                styleId = style.BasedOn?.Val?.Value;
            }
        }

        /// <summary>Title → 0, heading N → N; from the outline level, or the style's name (Word's English names, or 标题 N).</summary>
        private int? HeadingLevel(Paragraph paragraph, string? styleId)
        {
            if (paragraph.ParagraphProperties?.OutlineLevel?.Val?.Value is int own && own < 9)
            {
                return own + 1;
            }
            foreach (var style in StyleChain(styleId))
            {
                var name = (style.StyleName?.Val?.Value ?? string.Empty).Trim().ToLowerInvariant();
                if (name is "title" or "标题")
                {
                    return 0;
                }
                if (style.StyleParagraphProperties?.OutlineLevel?.Val?.Value is int level && level < 9)
                {
                    return level + 1;
                }
                foreach (var prefix in new[] { "heading ", "标题 " })
                {
                    if (name.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 9)
                    {
                        return n;
                    }
                }
            }
            return null;
        }

        private static bool IsCaptionName(string? name) => name?.Trim().ToLowerInvariant() is "caption" or "题注";

        private (bool Ordered, int Level, string NumberingId)? ListOf(Paragraph paragraph, string? styleId)
        {
            var numbering = paragraph.ParagraphProperties?.NumberingProperties
                ?? StyleChain(styleId).Select(s => s.StyleParagraphProperties?.NumberingProperties).FirstOrDefault(n => n is not null);
            if (numbering?.NumberingId?.Val?.Value is not int numId || numId == 0)
            {
                return null;
            }
            var level = numbering.NumberingLevelReference?.Val?.Value ?? 0;
            var definitions = main.NumberingDefinitionsPart?.Numbering;
            var abstractId = definitions?.Elements<NumberingInstance>().FirstOrDefault(n => n.NumberID?.Value == numId)?.AbstractNumId?.Val?.Value;
            var format = definitions?.Elements<AbstractNum>().FirstOrDefault(a => a.AbstractNumberId?.Value == abstractId)?
                .Elements<Level>().FirstOrDefault(l => l.LevelIndex?.Value == level)?.NumberingFormat?.Val;
            var ordered = format is not null && format.Value != NumberFormatValues.Bullet && format.Value != NumberFormatValues.None;
            return (ordered, Math.Clamp(level, 0, 8), numId.ToString(CultureInfo.InvariantCulture));
        }

        private static bool IsOn(OnOffValue? value) => value is null || value.Value;

        private static string? FirstText(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

        // ---- the story --------------------------------------------------------------------------

        private DocxStory Assemble(List<Block> blocks)
        {
            // Drop what holds nothing: empty paragraphs and indent-only lines (pictures stay).
            foreach (var block in blocks)
            {
                Trim(block.Segments);
            }
            blocks = blocks.Where(b => b.Table is not null || b.Images.Count > 0 || b.PlainText.Length > 0).ToList();
            if (!blocks.Any(b => b.Table is not null || b.PlainText.Length > 0))
            {
                throw new DocxInputException(DocxRefusal.NoText);
            }

            var photos = new ImportedPhoto?[_images.Count];
            var used = new HashSet<Block>();
            AttachCaptions(blocks, photos, used);
            var text = blocks.Where(b => !used.Contains(b) && (b.Table is not null || b.PlainText.Length > 0)).ToList();
            if (text.Count == 0)
            {
                // Pictures and their captions only: nothing to make a story's text from.
                throw new DocxInputException(DocxRefusal.NoText);
            }

            // The title: the first heading among the first lines, else the first line. A short line above a
            // heading is its kicker, a —— line under it the subtitle.
            string? kicker = null;
            var titleAt = text.Take(3).ToList().FindIndex(b => b.Heading is not null && b.Table is null);
            if (titleAt > 0 && !(titleAt == 1 && PrintText.IsShortLine(text[0].PlainText)))
            {
                titleAt = -1;
            }
            if (titleAt == 1)
            {
                kicker = text[0].PlainText;
            }
            var titleBlock = text[Math.Max(titleAt, 0)];
            var title = titleBlock.Table is null ? Flatten(titleBlock.PlainText) : "（无标题）";
            var rest = text.Skip(Math.Max(titleAt, 0) + (titleBlock.Table is null ? 1 : 0)).ToList();
            if (title.Length > 200)
            {
                // Not a headline but prose: keep it in the body and give the draft a provisional headline.
                rest.Insert(0, titleBlock);
                title = title[..40] + "…";
            }

            string? subtitle = null;
            if (rest.Count > 0 && rest[0].Table is null && rest[0].List is null && PrintText.StartsWithDash(rest[0].PlainText) && PrintText.IsShortLine(rest[0].PlainText))
            {
                subtitle = PrintText.WithoutDash(rest[0].PlainText);
                rest.RemoveAt(0);
            }

            // Bylines under the headline (本报记者 刘洋) or at the foot ((记者 王磊)), and a page byline block.
            var credits = new List<string>();
            ImportedByline? pageByline = null;
            while (rest.Count > 0 && CreditOf(rest[0]) is { } lead)
            {
                credits.Add(lead);
                rest.RemoveAt(0);
            }
            var labelAt = rest.FindIndex(b => b.Table is null && BylineParser.TryReadLabel(b.PlainText, out _, out _));
            if (labelAt >= 0)
            {
                BylineParser.TryReadLabel(rest[labelAt].PlainText, out var label, out var first);
                var members = new List<string>();
                if (first.Length > 0)
                {
                    members.Add(first);
                }
                var raw = new List<string> { rest[labelAt].PlainText };
                var end = labelAt + 1;
                while (end < rest.Count && rest[end].Table is null && BylineParser.IsMemberLine(rest[end].PlainText))
                {
                    members.Add(rest[end].PlainText);
                    raw.Add(rest[end].PlainText);
                    end++;
                }
                pageByline = new ImportedByline(label, BylineParser.ReadRoles(members), string.Join("\n", raw));
                rest.RemoveRange(labelAt, end - labelAt);
            }
            var leading = credits.Count;
            while (rest.Count > 0 && CreditOf(rest[^1]) is { } tail)
            {
                credits.Insert(leading, tail);
                rest.RemoveAt(rest.Count - 1);
            }

            // 本报讯（记者 王磊）: the dateline and its credit leave the first paragraph.
            string? dateline = null;
            string? datelineCredit = null;
            var leadAt = rest.FindIndex(b => b.Table is null && b.Heading is null);
            if (leadAt >= 0 && Markers.ReadDateline(rest[leadAt].PlainText) is { } found)
            {
                dateline = found.Dateline;
                datelineCredit = found.Credit;
                DropPrefix(rest[leadAt].Segments, found.BodyStart);
                Trim(rest[leadAt].Segments);
                if (rest[leadAt].PlainText.Length == 0)
                {
                    rest.RemoveAt(leadAt);
                }
            }
            if (datelineCredit is not null)
            {
                credits.Insert(0, datelineCredit);
            }

            var sections = Sections(rest);
            var characters = sections.Sum(s => (s.Heading?.Length ?? 0) + s.Paragraphs.Sum(p => p.Length));
            if (characters > MaxBodyCharacters)
            {
                throw new DocxInputException(DocxRefusal.TooMuchText);
            }

            var warnings = new List<ImportWarning>();
            foreach (var image in _images.Where(i => i.Problem is not null))
            {
                warnings.Add(new ImportWarning(ImportWarningKind.Unreadable, "未能导入的图片：" + image.Problem, title));
            }
            var photoList = _images.Select((image, i) => photos[i] ?? new ImportedPhoto(string.Empty, string.Empty, null, string.Empty)).ToList();
            var credit = credits.Count == 0 ? null : string.Join(" ", credits.Distinct(StringComparer.Ordinal));
            var article = new ImportedArticle(kicker, title, subtitle, dateline, credit, null, sections);
            return new DocxStory(new ImportResult([article], photoList, pageByline, warnings), _images) { DatelineCredit = datelineCredit };
        }

        /// <summary>
        /// A picture's caption is the text in its own paragraph after it, or the paragraph right below it when
        /// that is set in the Caption style or reads as a caption with a credit (… 摄, …供图) as on a print page.
        /// </summary>
        private static void AttachCaptions(List<Block> blocks, ImportedPhoto?[] photos, HashSet<Block> used)
        {
            for (var i = 0; i < blocks.Count; i++)
            {
                var block = blocks[i];
                if (block.Images.Count == 0)
                {
                    continue;
                }
                string? caption = null;
                if (block.PlainText.Length > 0 && block.Table is null && block.Heading is null)
                {
                    caption = block.PlainText;
                    used.Add(block);
                }
                else if (i + 1 < blocks.Count && blocks[i + 1] is { Table: null, Heading: null, Images.Count: 0 } next && next.PlainText.Length is > 0 and <= 300
                    && (next.IsCaption || CaptionParser.TryParse(next.PlainText, 0) is not null || CaptionOpenings.Any(o => next.PlainText.StartsWith(o, StringComparison.Ordinal))))
                {
                    caption = next.PlainText;
                    used.Add(next);
                }
                if (caption is null)
                {
                    continue;
                }
                var photo = CaptionParser.TryParse(caption, 0) ?? new ImportedPhoto(caption, string.Empty, null, string.Empty);
                // Several pictures over one caption share it.
                foreach (var image in block.Images)
                {
                    photos[image] ??= photo;
                }
            }
        }

        /// <summary>How Chinese papers open a caption that carries no credit.</summary>
        private static readonly string[] CaptionOpenings = ["图为", "图：", "图:", "上图：", "下图：", "左图：", "右图：", "▲"];

        /// <summary>■本报记者 赵静怡, 本报记者 刘洋 通讯员 张晓燕, （记者 王磊）: roles and names alone, as the text importer reads them.</summary>
        private static string? CreditOf(Block block)
        {
            if (block.Table is not null || block.List is not null || block.Heading is not null || block.PlainText.Length > 200)
            {
                return null;
            }
            var credit = LineClassifier.CreditText(block.PlainText);
            return credit.Length > 0 && BylineParser.IsMemberLine(credit) && BylineParser.HasRole(credit) ? credit : null;
        }

        /// <summary>Headings (and short all-bold lines) open sections; lists are gathered into one block each.</summary>
        private static List<ImportedSection> Sections(List<Block> blocks)
        {
            var sections = new List<ImportedSection>();
            string? heading = null;
            var paragraphs = new List<string>();
            var list = new StringBuilder();
            var counters = new Dictionary<(string, int), int>();
            string? listId = null;
            void EndList()
            {
                if (list.Length > 0)
                {
                    paragraphs.Add(list.ToString().TrimEnd('\n'));
                    list.Clear();
                    counters.Clear();
                }
                listId = null;
            }
            void EndSection()
            {
                EndList();
                if (heading is not null || paragraphs.Count > 0)
                {
                    sections.Add(new ImportedSection(heading, paragraphs.ToList()));
                }
                paragraphs.Clear();
            }

            foreach (var block in blocks)
            {
                if (block.Table is { } table)
                {
                    EndList();
                    paragraphs.Add(table);
                    continue;
                }
                var plain = Flatten(block.PlainText);
                var allBold = block.Segments.Where(s => s.Text.Trim().Length > 0).All(s => s.Bold);
                if (block.Heading is not null || (block.List is null && allBold && PrintText.IsShortLine(plain) && !PrintText.StartsWithDash(plain)))
                {
                    EndSection();
                    heading = plain;
                    continue;
                }
                if (block.List is { } item)
                {
                    if (listId is not null && listId != item.NumberingId)
                    {
                        // Another list (bullets after numbers): a list of its own.
                        EndList();
                    }
                    listId = item.NumberingId;
                    var key = (item.NumberingId, item.Level);
                    counters[key] = counters.GetValueOrDefault(key) + 1;
                    foreach (var deeper in counters.Keys.Where(k => k.Item1 == item.NumberingId && k.Item2 > item.Level).ToList())
                    {
                        counters.Remove(deeper);
                    }
                    var marker = item.Ordered ? counters[key].ToString(CultureInfo.InvariantCulture) + ". " : "- ";
                    list.Append(' ', item.Level * 3).Append(marker).Append(Markdown(block.Segments)).Append('\n');
                    continue;
                }
                EndList();
                paragraphs.Add(Markdown(block.Segments));
            }
            EndSection();
            return sections;
        }

        // ---- text -------------------------------------------------------------------------------

        /// <summary>Leading and trailing spaces out, the full-width indent (　　) and no-break spaces included.</summary>
        private static void Trim(List<Segment> segments)
        {
            while (segments.Count > 0 && TrimSegment(segments, 0, start: true))
            {
                segments.RemoveAt(0);
            }
            while (segments.Count > 0 && TrimSegment(segments, segments.Count - 1, start: false))
            {
                segments.RemoveAt(segments.Count - 1);
            }
        }

        // Trims one end of one segment; true when nothing is left of it.
        private static bool TrimSegment(List<Segment> segments, int index, bool start)
        {
            var segment = segments[index];
            var text = start ? segment.Text.TrimStart(Spaces) : segment.Text.TrimEnd(Spaces);
            segments[index] = segment with { Text = text };
            return text.Length == 0;
        }

        private static readonly char[] Spaces = [' ', '\u3000', '\u00A0', '\t', '\u2002', '\u2003', '\u200B', '\uFEFF'];

        private static void DropPrefix(List<Segment> segments, int count)
        {
            while (count > 0 && segments.Count > 0)
            {
                var first = segments[0];
                if (first.Text.Length <= count)
                {
                    count -= first.Text.Length;
                    segments.RemoveAt(0);
                }
                else
                {
                    segments[0] = first with { Text = first.Text[count..] };
                    count = 0;
                }
            }
        }

        private static string Flatten(string text) => string.Join(" ", text.Split(Spaces.Append('\n').ToArray(), StringSplitOptions.RemoveEmptyEntries));

        /// <summary>Segments as Markdown: bold runs joined and wrapped in **, links as [text](url), Markdown's own signs escaped.</summary>
        private static string Markdown(List<Segment> segments)
        {
            var merged = new List<Segment>();
            foreach (var segment in segments.Where(s => !s.Break && s.Text.Length > 0))
            {
                if (merged.Count > 0 && merged[^1].Bold == segment.Bold && merged[^1].Href == segment.Href)
                {
                    merged[^1] = merged[^1] with { Text = merged[^1].Text + segment.Text };
                }
                else
                {
                    merged.Add(segment);
                }
            }
            var markdown = new StringBuilder();
            foreach (var segment in merged)
            {
                var text = Escape(segment.Text);
                if (segment.Href is { } href)
                {
                    text = $"[{text}]({href.Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal).Replace(" ", "%20", StringComparison.Ordinal)})";
                }
                if (segment.Bold && segment.Text.Trim(Spaces).Length > 0)
                {
                    // ** must touch the words: spaces inside the run go outside the markers.
                    var core = text.Trim(Spaces);
                    var lead = text[..text.IndexOf(core, StringComparison.Ordinal)];
                    var trail = text[(lead.Length + core.Length)..];
                    text = $"{lead}**{core}**{trail}";
                }
                markdown.Append(text);
            }
            var result = markdown.ToString();
            // A line that Markdown would read as a heading, quote, list or rule stays a paragraph.
            if (result.Length > 0 && (result[0] is '#' or '>' or '+' or '=' || (result[0] == '-' && (result.Length == 1 || result[1] is ' ' or '-'))
                || OrderedMarker(result)))
            {
                result = "\\" + result;
            }
            return result;
        }

        private static bool OrderedMarker(string text)
        {
            var i = 0;
            while (i < text.Length && i < 9 && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            return i > 0 && i < text.Length && text[i] is '.' or ')' && (i + 1 == text.Length || text[i + 1] == ' ');
        }

        private static string Escape(string text)
        {
            var sb = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (c is '\\' or '*' or '_' or '`' or '[' or ']' or '~' or '|')
                {
                    sb.Append('\\');
                }
                sb.Append(c);
            }
            return sb.ToString();
        }
    }
}
