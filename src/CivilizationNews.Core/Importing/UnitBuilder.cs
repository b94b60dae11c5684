namespace CivilizationNews.Core.Importing;

/// <summary>A stretch of printed text and the source line it came from.</summary>
internal sealed record Piece(string Text, int Line);

internal enum UnitKind
{
    Paragraph,
    Short,
    Subtitle,
    Credit,
    Photo,
    Byline,
    JumpOut,
    JumpIn,
}

/// <summary>One element of the page in reading order: a whole paragraph, a short line, a caption….</summary>
internal sealed class Unit(UnitKind kind, List<Piece> pieces)
{
    public UnitKind Kind { get; } = kind;

    public List<Piece> Pieces { get; } = pieces;

    public string Text => string.Concat(Pieces.Select(p => p.Text));

    public IReadOnlyList<int> Lines => Pieces.Select(p => p.Line).Distinct().ToList();

    public ImportedPhoto? Photo { get; init; }

    public string? JumpPage { get; init; }

    public string? BylineLabel { get; init; }

    /// <summary>The roles-and-names text of a byline block, one entry per printed line.</summary>
    public IReadOnlyList<string> BylineMembers { get; init; } = [];

    public bool IsDateline => Kind == UnitKind.Paragraph && Markers.StartsWithDateline(Text);

    /// <summary>The hint of the unit's first line (see <see cref="LineHint"/>).</summary>
    public LineHint Hint { get; init; }

    /// <summary>The unit's first line opens a new frame of the page (see <see cref="SourceLine.NewFrame"/>).</summary>
    public bool NewFrame { get; init; }

    /// <summary>A paragraph that opens mid-sentence, carrying on text printed elsewhere: a jumped tail.</summary>
    public bool Detached => Kind == UnitKind.Paragraph && Hint == LineHint.ParagraphDetached;
}

/// <summary>
/// Puts broken paragraphs back together. A column break can split a paragraph, even a word, and the
/// page may mark paragraphs by blank lines or by indents; the rule from IMPORT-FORMAT.md is that a
/// chunk not ending a sentence and followed by more text continues in that text, joined with nothing.
/// </summary>
internal static class UnitBuilder
{
    public static List<Unit> Build(IReadOnlyList<PageLine> lines)
    {
        var indentStyle = UsesIndents(lines);
        var units = new List<Unit>();
        var i = 0;
        while (i < lines.Count)
        {
            var line = lines[i];
            switch (line.Kind)
            {
                case LineKind.Caption:
                    units.Add(new Unit(UnitKind.Photo, [Piece(line)]) { Photo = line.Photo, Hint = line.Source.Hint, NewFrame = line.Source.NewFrame });
                    i++;
                    break;
                case LineKind.JumpOut or LineKind.JumpIn:
                    var kind = line.Kind == LineKind.JumpOut ? UnitKind.JumpOut : UnitKind.JumpIn;
                    units.Add(new Unit(kind, [Piece(line)]) { JumpPage = line.JumpPage, Hint = line.Source.Hint, NewFrame = line.Source.NewFrame });
                    i++;
                    break;
                case LineKind.Byline:
                    i = ReadBylineBlock(lines, i, units);
                    break;
                default:
                    i = ReadText(lines, i, indentStyle, units);
                    break;
            }
        }

        return units;
    }

    private static int ReadBylineBlock(IReadOnlyList<PageLine> lines, int start, List<Unit> units)
    {
        var pieces = new List<Piece> { Piece(lines[start]) };
        var members = new List<string>();
        if (lines[start].BylineRest.Length > 0)
        {
            members.Add(lines[start].BylineRest);
        }

        var i = start + 1;
        for (; i < lines.Count && lines[i].Kind == LineKind.Byline && lines[i].BylineLabel is null; i++)
        {
            pieces.Add(Piece(lines[i]));
            members.Add(lines[i].Text);
        }

        units.Add(new Unit(UnitKind.Byline, pieces) { BylineLabel = lines[start].BylineLabel, BylineMembers = members, NewFrame = lines[start].Source.NewFrame });
        return i;
    }

    private static int ReadText(IReadOnlyList<PageLine> lines, int start, bool indentStyle, List<Unit> units)
    {
        var first = lines[start];
        var heading = first.Source.Hint is LineHint.Kicker or LineHint.Headline or LineHint.Subtitle or LineHint.Subhead;
        if ((first.IsShort || first.IsSubtitle || first.IsCredit) && (heading || !BrokenAfter(lines, start)))
        {
            // Headlines, kickers and subheads stand alone; they never run on into the next line.
            var kind = first.IsShort ? UnitKind.Short : first.IsSubtitle ? UnitKind.Subtitle : UnitKind.Credit;
            units.Add(new Unit(kind, [Piece(first)]) { Hint = first.Source.Hint, NewFrame = first.Source.NewFrame });
            return start + 1;
        }

        var pieces = new List<Piece> { Piece(first) };
        var floatingPhotos = new List<Unit>();
        var next = start + 1;
        while (true)
        {
            // A photo can sit inside a broken paragraph; the paragraph runs on past its caption.
            var candidate = next;
            while (candidate < lines.Count && lines[candidate].Kind == LineKind.Caption)
            {
                candidate++;
            }

            if (candidate >= lines.Count || !Continues(lines, pieces, first, candidate, indentStyle))
            {
                break;
            }

            for (var c = next; c < candidate; c++)
            {
                floatingPhotos.Add(new Unit(UnitKind.Photo, [Piece(lines[c])]) { Photo = lines[c].Photo, Hint = lines[c].Source.Hint });
            }

            pieces.Add(Piece(lines[candidate]));
            next = candidate + 1;
        }

        units.Add(new Unit(UnitKind.Paragraph, pieces) { Hint = first.Source.Hint, NewFrame = first.Source.NewFrame });
        units.AddRange(floatingPhotos);
        return next;
    }

    private static bool Continues(IReadOnlyList<PageLine> lines, List<Piece> sofar, PageLine first, int index, bool indentStyle)
    {
        var next = lines[index];
        switch (next.Source.Hint)
        {
            // The geometry saw the paragraph go on in the next column, or saw a new one begin.
            case LineHint.ParagraphContinued:
                return next.Kind == LineKind.Text;
            case not LineHint.None:
                return false;
        }

        if (next.Kind != LineKind.Text || next.IsDateline || next.IsBullet || next.IsCredit)
        {
            return false;
        }

        if (PrintText.StartsMidSentence(next.Text))
        {
            return true;
        }

        var text = Tail(sofar);
        if (!PrintText.EndsSentence(text) && PrintText.StartsWithWordEnd(next.Text))
        {
            // "…巡河活" + "动。…": the rest of a cut word, whatever indent the column gave it.
            return true;
        }

        if (next.Source.Indented)
        {
            return false;
        }

        if (!PrintText.EndsSentence(text))
        {
            // A short line after an unfinished chunk is its tail ("力" + "量。"), unless it visibly
            // opens a story or a section: a story ending mid-word is a jump, not a paragraph to extend.
            return (!next.IsShort && !next.IsSubtitle) || !OpensHeading(lines, index);
        }

        // Where paragraphs are marked by indents, an unindented line of prose right below one carries
        // on the same paragraph even after a full stop.
        return indentStyle && first.Source.Indented && next.Source.BlankLinesBefore == 0 && !next.IsShort && !next.IsSubtitle;
    }

    /// <summary>
    /// A column break right after a finished paragraph leaves the next paragraph's first words alone,
    /// short and unpunctuated like a headline ("社区每周组织志愿者开展巡河活"). What follows gives it
    /// away: text that cannot open a paragraph (a comma, a closing quote) or the rest of a cut word
    /// ("动。今年以来…").
    /// </summary>
    private static bool BrokenAfter(IReadOnlyList<PageLine> lines, int start)
    {
        var index = start + 1;
        while (index < lines.Count && lines[index].Kind == LineKind.Caption)
        {
            index++;
        }

        return index < lines.Count && lines[index] is { Kind: LineKind.Text, IsDateline: false, IsBullet: false, IsCredit: false } next
            && !PrintText.EndsSentence(lines[start].Text)
            && (PrintText.StartsMidSentence(next.Text) || PrintText.StartsWithWordEnd(next.Text));
    }

    private static bool OpensHeading(IReadOnlyList<PageLine> lines, int index)
    {
        if (lines[index].IsSubtitle || PrintText.IsNumberedHeading(lines[index].Text))
        {
            return true;
        }

        var after = index + 1;
        while (after < lines.Count && lines[after].Kind == LineKind.Caption)
        {
            after++;
        }

        return after < lines.Count && lines[after] is { Kind: LineKind.Text } following
            && (following.IsShort || following.IsSubtitle || following.IsDateline || following.IsCredit);
    }

    private static bool UsesIndents(IReadOnlyList<PageLine> lines)
    {
        var prose = lines.Where(l => l.Kind == LineKind.Text && !l.IsShort && !l.IsSubtitle && !l.IsCredit).ToList();
        var indented = prose.Count(l => l.Source.Indented);
        return indented >= 2 && indented * 2 >= prose.Count;
    }

    /// <summary>How much of a paragraph's end is read to tell whether it finished its sentence.</summary>
    private const int EndWindow = 400;

    /// <summary>
    /// The paragraph so far, or its last <see cref="EndWindow"/> characters: whether it ends a sentence
    /// shows at its end (a closing bracket group included). Joining every piece again for each new line
    /// made a paragraph of many lines cost the square of its length (issue 13).
    /// </summary>
    private static string Tail(List<Piece> pieces)
    {
        var length = 0;
        var first = pieces.Count;
        while (first > 0 && length < EndWindow)
        {
            first--;
            length += pieces[first].Text.Length;
        }

        var tail = string.Concat(pieces.Skip(first).Select(p => p.Text));
        return tail.Length <= EndWindow ? tail : tail[^EndWindow..];
    }

    private static Piece Piece(PageLine line) => new(line.Text, line.Source.Number);
}
