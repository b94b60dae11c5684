using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using Pic = DocumentFormat.OpenXml.Drawing.Pictures;
using Wp = DocumentFormat.OpenXml.Drawing.Wordprocessing;

namespace CivilizationNews.Tests.Common;

/// <summary>
/// Word documents for the .docx import tests, written with the Open XML SDK as Word writes them: named
/// styles (Title, heading N, caption), numbering definitions for lists, inline pictures with alt text,
/// hyperlinks through relationships. Also the files the importer must refuse.
/// </summary>
internal sealed class DocxBuilder
{
    private const int BulletList = 1;
    private const int NumberedList = 2;

    private readonly List<Action<MainDocumentPart, Body>> _steps = [];

    /// <summary>A paragraph in the Title style.</summary>
    public DocxBuilder Title(string text) => Styled("Title", text);

    /// <summary>A paragraph in the heading N style (Word's built-in "heading 1" …).</summary>
    public DocxBuilder Heading(string text, int level = 1) => Styled("Heading" + level, text);

    /// <summary>A paragraph in Word's caption style (题注).</summary>
    public DocxBuilder Caption(string text) => Styled("Caption", text);

    /// <summary>A plain paragraph, typed as it is (full-width indent included).</summary>
    public DocxBuilder Paragraph(string text) => Runs((text, false));

    /// <summary>A paragraph of runs, each bold or not.</summary>
    public DocxBuilder Runs(params (string Text, bool Bold)[] runs)
    {
        _steps.Add((_, body) => body.Append(new Paragraph(runs.Select(r => MakeRun(r.Text, r.Bold)))));
        return this;
    }

    /// <summary>An empty paragraph, as a writer makes with Enter.</summary>
    public DocxBuilder Empty()
    {
        _steps.Add((_, body) => body.Append(new Paragraph()));
        return this;
    }

    /// <summary>A paragraph with a line break (Shift+Enter) between two lines.</summary>
    public DocxBuilder LineBreak(string first, string second)
    {
        _steps.Add((_, body) => body.Append(new Paragraph(new Run(new Text(first) { Space = SpaceProcessingModeValues.Preserve }, new Break(), new Text(second)))));
        return this;
    }

    /// <summary>A paragraph with text, a link to <paramref name="url"/>, and more text.</summary>
    public DocxBuilder Link(string before, string text, string url, string after)
    {
        _steps.Add((main, body) =>
        {
            var relation = main.AddHyperlinkRelationship(new Uri(url, UriKind.Absolute), true);
            body.Append(new Paragraph(MakeRun(before, false), new Hyperlink(MakeRun(text, false)) { Id = relation.Id }, MakeRun(after, false)));
        });
        return this;
    }

    public DocxBuilder Bullets(params string[] items) => ListItems(BulletList, items.Select(i => (i, 0)).ToArray());

    public DocxBuilder Numbered(params string[] items) => ListItems(NumberedList, items.Select(i => (i, 0)).ToArray());

    /// <summary>List items with their levels (0 = top).</summary>
    public DocxBuilder ListItems(int list, params (string Text, int Level)[] items)
    {
        _steps.Add((_, body) =>
        {
            foreach (var (text, level) in items)
            {
                body.Append(new Paragraph(
                    new ParagraphProperties(new NumberingProperties(new NumberingLevelReference { Val = level }, new NumberingId { Val = list })),
                    MakeRun(text, false)));
            }
        });
        return this;
    }

    /// <summary>A table; the first row is its header row.</summary>
    public DocxBuilder Table(params string[][] rows)
    {
        _steps.Add((_, body) =>
        {
            var table = new Table(new TableProperties(new TableBorders(new TopBorder { Val = BorderValues.Single })));
            foreach (var row in rows)
            {
                table.Append(new TableRow(row.Select(cell => new TableCell(new Paragraph(MakeRun(cell, false))))));
            }
            body.Append(table);
        });
        return this;
    }

    /// <summary>A picture on a paragraph of its own (as Insert › Picture makes), with its alt text; optional text after it in the same paragraph.</summary>
    public DocxBuilder Image(byte[] data, string contentType, string? alt = null, string? textAfter = null)
    {
        _steps.Add((main, body) =>
        {
            var type = contentType switch
            {
                "image/png" => ImagePartType.Png,
                "image/x-emf" => ImagePartType.Emf,
                "image/gif" => ImagePartType.Gif,
                _ => ImagePartType.Jpeg,
            };
            var part = main.AddImagePart(type);
            using (var stream = new MemoryStream(data))
            {
                part.FeedData(stream);
            }
            var id = main.GetIdOfPart(part);
            var number = (uint)(main.ImageParts.Count());
            var paragraph = new Paragraph(new Run(Drawing(id, number, alt)));
            if (textAfter is not null)
            {
                paragraph.Append(MakeRun(textAfter, false));
            }
            body.Append(paragraph);
        });
        return this;
    }

    public byte[] Build(WordprocessingDocumentType type = WordprocessingDocumentType.Document)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, type))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body());
            var styles = main.AddNewPart<StyleDefinitionsPart>();
            styles.Styles = Styles();
            var numbering = main.AddNewPart<NumberingDefinitionsPart>();
            numbering.Numbering = Numbering();
            var body = main.Document.Body!;
            foreach (var step in _steps)
            {
                step(main, body);
            }
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>What Word saves for a document with an opening password: an OLE compound file holding EncryptionInfo and EncryptedPackage.</summary>
    public static byte[] EncryptedLookalike()
    {
        var bytes = new byte[4096];
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes("EncryptionInfo").CopyTo(bytes, 1024);
        Encoding.Unicode.GetBytes("EncryptedPackage").CopyTo(bytes, 1152);
        return bytes;
    }

    /// <summary>An old binary .doc: a compound file without an encrypted package.</summary>
    public static byte[] LegacyDocLookalike()
    {
        var bytes = new byte[4096];
        byte[] ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.CopyTo(bytes, 0);
        Encoding.Unicode.GetBytes("WordDocument").CopyTo(bytes, 1024);
        return bytes;
    }

    private DocxBuilder Styled(string styleId, string text)
    {
        _steps.Add((_, body) => body.Append(new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = styleId }), MakeRun(text, false))));
        return this;
    }

    private static Run MakeRun(string text, bool bold)
    {
        var run = new Run();
        if (bold)
        {
            run.Append(new RunProperties(new Bold()));
        }
        run.Append(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        return run;
    }

    private static Styles Styles()
    {
        static Style Paragraph(string id, string name, int? outline = null, bool bold = false)
        {
            var style = new Style(new StyleName { Val = name }, new BasedOn { Val = "Normal" }) { Type = StyleValues.Paragraph, StyleId = id };
            if (outline is { } level)
            {
                style.Append(new StyleParagraphProperties(new OutlineLevel { Val = level }));
            }
            if (bold)
            {
                style.Append(new StyleRunProperties(new Bold()));
            }
            return style;
        }
        return new Styles(
            new Style(new StyleName { Val = "Normal" }) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            Paragraph("Title", "Title", bold: true),
            Paragraph("Heading1", "heading 1", 0, bold: true),
            Paragraph("Heading2", "heading 2", 1, bold: true),
            Paragraph("Heading3", "heading 3", 2, bold: true),
            Paragraph("Caption", "caption"));
    }

    private static Numbering Numbering()
    {
        static AbstractNum Abstract(int id, NumberFormatValues format) => new(
            Enumerable.Range(0, 3).Select(level => new Level(new NumberingFormat { Val = format }, new LevelText { Val = format == NumberFormatValues.Bullet ? "•" : $"%{level + 1}." })
            { LevelIndex = level }))
        { AbstractNumberId = id };
        return new Numbering(
            Abstract(1, NumberFormatValues.Bullet),
            Abstract(2, NumberFormatValues.Decimal),
            new NumberingInstance(new AbstractNumId { Val = 1 }) { NumberID = BulletList },
            new NumberingInstance(new AbstractNumId { Val = 2 }) { NumberID = NumberedList });
    }

    /// <summary>An inline picture, the DrawingML Word writes for Insert › Picture.</summary>
    private static Drawing Drawing(string relationshipId, uint number, string? alt)
    {
        const long cx = 990000, cy = 792000;
        return new Drawing(new Wp.Inline(
            new Wp.Extent { Cx = cx, Cy = cy },
            new Wp.DocProperties { Id = number, Name = $"图片 {number}", Description = alt },
            new A.Graphic(new A.GraphicData(
                new Pic.Picture(
                    new Pic.NonVisualPictureProperties(
                        new Pic.NonVisualDrawingProperties { Id = number, Name = $"image{number}" },
                        new Pic.NonVisualPictureDrawingProperties()),
                    new Pic.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                    new Pic.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U, DistanceFromBottom = 0U, DistanceFromLeft = 0U, DistanceFromRight = 0U,
        });
    }
}
