using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CivilizationNews.Core.Importing;

/// <summary>
/// A PDF page read into the story assembler's input: source lines in reading order, each with the hint
/// its geometry gives (<see cref="LineHint"/>), and for each line the printed lines (leaves) it came from,
/// so that the assembled stories can be put back on the page.
/// </summary>
internal sealed class PdfReading
{
    public required PdfPageContent Page { get; init; }

    public List<SourceLine> Lines { get; } = [];

    /// <summary>Source line number → the printed lines it was read from.</summary>
    public Dictionary<int, List<Leaf>> LeavesOf { get; } = [];

    /// <summary>Caption line number → the picture above it.</summary>
    public Dictionary<int, Leaf> PictureOf { get; } = [];

    /// <summary>Every printed line and picture of the page, the folio included.</summary>
    public IReadOnlyList<Leaf> Leaves { get; init; } = [];

    public double BodySize { get; init; }

    public string? Folio { get; set; }

    /// <summary>The text of each advertisement on the page (a ruled box labelled 广告), which is no story's.</summary>
    public List<string> Advertisements { get; } = [];
}

/// <summary>
/// Tells the printed lines apart by what they look like where they stand: the folio at the top; display
/// runs (a kicker over a headline in the largest size, a subtitle under it; alone and smaller, a subhead);
/// captions under pictures; the page byline in its box; and body text, whose indents start paragraphs and
/// whose full last line in a column carries the paragraph on into the next column.
/// </summary>
internal static partial class PdfTextFlow
{
    private enum Role
    {
        Body,
        Folio,
        Kicker,
        Headline,
        Subtitle,
        Subhead,
        Caption,
        Byline,
        Image,
        Advertisement,
    }

    /// <summary>A headline is at least this many times the body size; smaller display text is a kicker, subtitle or subhead.</summary>
    private const double HeadlineRatio = 1.35;

    public static PdfReading Read(PdfPageContent page)
    {
        var bodySize = PdfLayout.BodySize(page.Glyphs);
        var leaves = PdfLayout.ReadingOrder(page, bodySize);
        var reading = new PdfReading { Page = page, Leaves = leaves, BodySize = bodySize };
        var roles = new Role[leaves.Count];
        var pictureOf = new Dictionary<int, Leaf>();
        for (var i = 0; i < leaves.Count; i++)
        {
            roles[i] = leaves[i].IsImage ? Role.Image : Role.Body;
        }

        MarkFolio(leaves, roles, page, reading);
        MarkBoxes(leaves, roles, page);
        MarkCaptions(leaves, roles, bodySize, pictureOf);
        MarkDisplayRuns(leaves, roles, bodySize);
        Emit(leaves, roles, pictureOf, reading);
        return reading;
    }

    /// <summary>The text of a printed line: its glyphs, a space where one was printed or a gap of most of an em stands.</summary>
    public static string TextOf(Leaf leaf) => RawTextOf(leaf).Trim();

    /// <summary>As <see cref="TextOf"/>, with a space printed at either end kept: lines are joined with it.</summary>
    private static string RawTextOf(Leaf leaf)
    {
        var text = new StringBuilder();
        Glyph? previous = null;
        foreach (var glyph in leaf.Glyphs)
        {
            if (glyph.IsSpace)
            {
                if (text.Length > 0 && text[^1] != ' ')
                {
                    text.Append(' ');
                }

                continue;
            }

            if (previous is not null && glyph.Box.Left - previous.Box.Right >= 0.8 * Math.Max(glyph.Size, previous.Size) && text.Length > 0 && text[^1] != ' ')
            {
                text.Append(' ');
            }

            text.Append(glyph.Text);
            previous = glyph;
        }

        return text.ToString();
    }

    /// <summary>The folio: a small line at the top of the page naming the page (第5版), with the date and editors.</summary>
    private static void MarkFolio(IReadOnlyList<Leaf> leaves, Role[] roles, PdfPageContent page, PdfReading reading)
    {
        var folio = Enumerable.Range(0, leaves.Count)
            .FirstOrDefault(i => !leaves[i].IsImage && leaves[i].Box.Top < 0.12 * page.Height && FolioPage().IsMatch(TextOf(leaves[i])), -1);
        if (folio < 0)
        {
            return;
        }

        var row = leaves[folio].Box;
        var parts = new List<string>();
        for (var i = 0; i < leaves.Count; i++)
        {
            if (!leaves[i].IsImage && leaves[i].Box.Top < row.Bottom && leaves[i].Box.Bottom > row.Top && leaves[i].Box.Top < 0.12 * page.Height)
            {
                roles[i] = Role.Folio;
                parts.Add(TextOf(leaves[i]));
            }
        }

        reading.Folio = string.Join("  ", parts);
    }

    /// <summary>
    /// Ruled boxes: one that opens with 本版撰文 is the page byline, read as a block; one labelled 广告 is an
    /// advertisement (the law requires the label on every advertisement in the press), which is no story.
    /// </summary>
    private static void MarkBoxes(IReadOnlyList<Leaf> leaves, Role[] roles, PdfPageContent page)
    {
        foreach (var frame in page.Frames)
        {
            var inside = Enumerable.Range(0, leaves.Count).Where(i => roles[i] is Role.Body or Role.Image && frame.Contains(leaves[i].Box)).ToList();
            var text = inside.Where(i => !leaves[i].IsImage).ToList();
            if (text.Count == 0)
            {
                continue;
            }

            var role = BylineParser.TryReadLabel(TextOf(leaves[text[0]]), out _, out _) ? Role.Byline
                : text.Any(i => PrintText.Compact(TextOf(leaves[i])) == "广告") ? Role.Advertisement
                : Role.Body;
            foreach (var i in role == Role.Advertisement ? inside : role == Role.Byline ? text : [])
            {
                roles[i] = role;
            }
        }
    }

    /// <summary>Lines right under a picture, within its width and no larger than the body: its caption.</summary>
    private static void MarkCaptions(IReadOnlyList<Leaf> leaves, Role[] roles, double bodySize, Dictionary<int, Leaf> pictureOf)
    {
        foreach (var picture in leaves.Where((l, i) => l.IsImage && roles[i] == Role.Image))
        {
            var below = picture.Box;
            for (var i = 0; i < leaves.Count; i++)
            {
                var leaf = leaves[i];
                if (roles[i] != Role.Body || leaf.Size > bodySize + 0.01 || leaf.Box.Left < picture.Box.Left - 2 || leaf.Box.Right > picture.Box.Right + 2)
                {
                    continue;
                }

                var gap = leaf.Box.Top - below.Bottom;
                if (gap < -2 || gap > (below == picture.Box ? 1.5 : 0.8) * leaf.Size)
                {
                    continue;
                }

                roles[i] = Role.Caption;
                pictureOf[i] = picture;
                below = leaf.Box;
            }
        }
    }

    /// <summary>
    /// Runs of display text (larger than the body, one under the other): with a line in headline size, a
    /// header (kicker above, headline, subtitle below); without, subheads. A body-size short line right
    /// above a headline is its kicker.
    /// </summary>
    private static void MarkDisplayRuns(IReadOnlyList<Leaf> leaves, Role[] roles, double bodySize)
    {
        bool IsDisplay(int i) => roles[i] == Role.Body && leaves[i].Size >= bodySize + 0.5;
        var i = 0;
        while (i < leaves.Count)
        {
            if (!IsDisplay(i))
            {
                i++;
                continue;
            }

            var end = i + 1;
            while (end < leaves.Count && IsDisplay(end) && leaves[end].Frame == leaves[end - 1].Frame
                && leaves[end].Box.Top - leaves[end - 1].Box.Bottom < Math.Max(leaves[end].Size, leaves[end - 1].Size))
            {
                end++;
            }

            var largest = Enumerable.Range(i, end - i).Max(k => leaves[k].Size);
            if (largest >= HeadlineRatio * bodySize)
            {
                var first = Enumerable.Range(i, end - i).First(k => leaves[k].Size >= largest - 0.5);
                var last = first;
                while (last + 1 < end && leaves[last + 1].Size >= largest - 0.5)
                {
                    last++;
                }

                for (var k = i; k < end; k++)
                {
                    roles[k] = k < first ? Role.Kicker : k <= last ? Role.Headline : Role.Subtitle;
                }

                var above = i - 1;
                if (first == i && above >= 0 && roles[above] == Role.Body && leaves[above].Frame == leaves[i].Frame
                    && leaves[i].Box.Top - leaves[above].Box.Bottom < 1.2 * leaves[above].Size
                    && leaves[above].Box.Right < leaves[above].Column.Right - (2 * leaves[above].Size)
                    && !PrintText.EndsSentence(TextOf(leaves[above])))
                {
                    roles[above] = Role.Kicker;
                }
            }
            else
            {
                for (var k = i; k < end; k++)
                {
                    roles[k] = Role.Subhead;
                }
            }

            i = end;
        }
    }

    private static void Emit(IReadOnlyList<Leaf> leaves, Role[] roles, Dictionary<int, Leaf> pictureOf, PdfReading reading)
    {
        var emitter = new Emitter(reading);
        var advertisement = new List<string>();
        // Where paragraphs open with an indent, a block of body text that opens without one right after
        // other body text carries on a paragraph printed elsewhere, rule or no rule.
        var usesIndents = Enumerable.Range(0, leaves.Count)
            .Count(i => roles[i] == Role.Body && !leaves[i].IsImage && leaves[i].Box.Left - leaves[i].Column.Left >= 0.9 * leaves[i].Size) >= 3;
        Leaf? lastBody = null;
        var open = false;
        for (var i = 0; i < leaves.Count; i++)
        {
            var leaf = leaves[i];
            var role = roles[i];
            if (role != Role.Advertisement && advertisement.Count > 0)
            {
                reading.Advertisements.Add(string.Join(" ", advertisement));
                advertisement.Clear();
            }

            switch (role)
            {
                case Role.Folio or Role.Image:
                    continue;
                case Role.Advertisement:
                    if (!leaf.IsImage)
                    {
                        advertisement.Add(TextOf(leaf));
                    }

                    continue;
                case Role.Kicker or Role.Headline or Role.Subtitle or Role.Subhead or Role.Caption:
                {
                    // Consecutive lines of one role are one line of the page (a headline on two lines).
                    var group = new List<Leaf> { leaf };
                    while (i + 1 < leaves.Count && roles[i + 1] == role && (role != Role.Caption || pictureOf[i + 1] == pictureOf[i]))
                    {
                        group.Add(leaves[++i]);
                    }

                    var number = emitter.Emit(group, HintOf(role), indented: false, newBlock: true);
                    if (role == Role.Caption)
                    {
                        reading.PictureOf[number] = pictureOf[i];
                    }
                    else
                    {
                        open = false;
                    }

                    continue;
                }

                case Role.Byline:
                    emitter.Emit([leaf], LineHint.None, indented: false, newBlock: i == 0 || roles[i - 1] != Role.Byline);
                    open = false;
                    continue;
            }

            var size = leaf.Size;
            var column = leaf.Column;
            var indent = leaf.Box.Left - column.Left;
            var rightGap = column.Right - leaf.Box.Right;
            var full = rightGap <= size;
            var text = TextOf(leaf);
            if (leaf.Bold && !full && indent >= size && Math.Abs(rightGap - indent) <= 1.5 * size && !PrintText.EndsStrongly(text))
            {
                // A bold line centred in its column: a subhead in the body's size.
                emitter.Flush();
                emitter.Emit([leaf], LineHint.Subhead, indented: false, newBlock: true);
                open = false;
                lastBody = leaf;
                continue;
            }

            var indented = indent >= 0.9 * size;
            var below = lastBody is not null && SameColumn(lastBody.Column, column) && leaf.Frame == lastBody.Frame
                && leaf.Box.Top >= lastBody.Box.Bottom - 1 && leaf.Box.Top - lastBody.Box.Bottom < 1.2 * size
                && emitter.LastWasBody;
            if (indented)
            {
                emitter.StartPiece(leaf, LineHint.ParagraphStart, indented: true);
            }
            else if (open && lastBody is not null && leaf.Frame == lastBody.Frame)
            {
                if (below)
                {
                    emitter.Continue(leaf);
                }
                else
                {
                    emitter.StartPiece(leaf, LineHint.ParagraphContinued, indented: false);
                }
            }
            else if (below || (leaf.Frame == emitter.LastFrame && !(usesIndents && emitter.LastWasBody)))
            {
                emitter.StartPiece(leaf, LineHint.ParagraphStart, indented: false);
            }
            else
            {
                // Opens mid-paragraph below a rule, or after finished body text on a page that indents its
                // paragraphs, with nothing open before it: a tail printed away from its story.
                emitter.StartPiece(leaf, LineHint.ParagraphDetached, indented: false);
            }

            open = full;
            lastBody = leaf;
        }

        emitter.Flush();
        if (advertisement.Count > 0)
        {
            reading.Advertisements.Add(string.Join(" ", advertisement));
        }
    }

    private static bool SameColumn(Box a, Box b) => Math.Abs(a.Left - b.Left) < 1 && Math.Abs(a.Right - b.Right) < 1;

    private static LineHint HintOf(Role role) => role switch
    {
        Role.Kicker => LineHint.Kicker,
        Role.Headline => LineHint.Headline,
        Role.Subtitle => LineHint.Subtitle,
        Role.Subhead => LineHint.Subhead,
        Role.Caption => LineHint.Caption,
        _ => LineHint.None,
    };

    /// <summary>Folio fields: 第5版 (or 第A3版), the page's name after it, the date.</summary>
    public static (int? Number, string? Name, DateOnly? Date) ParseFolio(string folio)
    {
        ArgumentNullException.ThrowIfNull(folio);
        int? number = null;
        string? name = null;
        DateOnly? date = null;
        var words = PrintText.Words(folio);
        for (var i = 0; i < words.Length; i++)
        {
            var page = FolioPage().Match(words[i]);
            if (!page.Success)
            {
                continue;
            }

            if (page.Groups["letter"].Length == 0 && int.TryParse(page.Groups["number"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                number = n;
            }

            if (i + 1 < words.Length && !FolioDate().IsMatch(words[i + 1]) && !words[i + 1].Contains("编辑", StringComparison.Ordinal)
                && !words[i + 1].StartsWith("星期", StringComparison.Ordinal) && words[i + 1].Length <= 12)
            {
                name = words[i + 1];
            }

            break;
        }

        var match = FolioDate().Match(folio);
        if (match.Success && DateOnly.TryParseExact(
                $"{match.Groups["y"].Value}-{int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture):00}-{int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture):00}",
                "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
        }

        return (number, name, date);
    }

    // Each run of spaces is taken whole (atomic), so no two loops share one (issue 13, as in Markers).
    [GeneratedRegex(@"第(?>\s*)(?:(?<letter>[A-Za-zＡ-Ｚ])(?>\s*))?(?<number>[0-9]{1,3})(?>\s*)版", RegexOptions.None, ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex FolioPage();

    [GeneratedRegex(@"\s{2,}", RegexOptions.None, ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Spaces();

    [GeneratedRegex(@"(?<y>\d{4})(?>\s*)年(?>\s*)(?<m>\d{1,2})(?>\s*)月(?>\s*)(?<d>\d{1,2})(?>\s*)日", RegexOptions.None, ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex FolioDate();

    /// <summary>Writes the source lines: one per paragraph piece (a paragraph's part in one column), header line, caption or byline line.</summary>
    private sealed class Emitter(PdfReading reading)
    {
        private List<Leaf>? _piece;
        private LineHint _pieceHint;
        private bool _pieceIndented;
        private int _writtenFrame = -1;

        /// <summary>The frame of the last line read (written or still open).</summary>
        public int LastFrame { get; private set; } = -1;

        /// <summary>The last line written (or being written) is body text.</summary>
        public bool LastWasBody { get; private set; }

        public void StartPiece(Leaf leaf, LineHint hint, bool indented)
        {
            Flush();
            _piece = [leaf];
            _pieceHint = hint;
            _pieceIndented = indented;
            LastWasBody = true;
            LastFrame = leaf.Frame;
        }

        public void Continue(Leaf leaf)
        {
            _piece!.Add(leaf);
            LastFrame = leaf.Frame;
        }

        public void Flush()
        {
            if (_piece is null)
            {
                return;
            }

            var piece = _piece;
            _piece = null;
            Write(piece, _pieceHint, _pieceIndented, newBlock: _pieceHint != LineHint.ParagraphStart || !LastWasBody);
            LastWasBody = true;
        }

        public int Emit(List<Leaf> leaves, LineHint hint, bool indented, bool newBlock)
        {
            Flush();
            var number = Write(leaves, hint, indented, newBlock);
            LastWasBody = false;
            return number;
        }

        private int Write(List<Leaf> leaves, LineHint hint, bool indented, bool newBlock)
        {
            var number = reading.Lines.Count + 1;
            var text = Spaces().Replace(string.Concat(leaves.Select(RawTextOf)), " ").Trim();
            var frame = leaves[0].Frame;
            reading.Lines.Add(new SourceLine(number, text, indented, newBlock ? 1 : 0) { Hint = hint, NewFrame = frame != _writtenFrame });
            reading.LeavesOf[number] = leaves;
            _writtenFrame = LastFrame = leaves[^1].Frame;
            return number;
        }
    }
}
