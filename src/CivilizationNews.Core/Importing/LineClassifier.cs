namespace CivilizationNews.Core.Importing;

internal enum LineKind
{
    Text,
    Caption,
    Byline,
    JumpOut,
    JumpIn,
}

/// <summary>A source line and what it looks like on its own, before paragraphs are put together.</summary>
internal sealed class PageLine(SourceLine source)
{
    public SourceLine Source { get; } = source;

    public string Text => Source.Text;

    public LineKind Kind { get; set; }

    /// <summary>Could be a kicker, headline or subhead.</summary>
    public bool IsShort { get; set; }

    /// <summary>——市直机关…综述: a subtitle if it follows a headline.</summary>
    public bool IsSubtitle { get; set; }

    public bool IsBullet { get; set; }

    public bool IsDateline { get; set; }

    /// <summary>A story's own byline under its headline: 本报记者 赵静怡.</summary>
    public bool IsCredit { get; set; }

    public ImportedPhoto? Photo { get; set; }

    public string? JumpPage { get; set; }

    /// <summary>Set on the first line of a 本版撰文 block; its other lines have <see cref="Kind"/> Byline and no label.</summary>
    public string? BylineLabel { get; set; }

    public string BylineRest { get; set; } = "";
}

/// <summary>
/// Recognises the lines whose role does not depend on their neighbours (captions, jump markers, the
/// byline block) and marks the features of the others that later steps weigh.
/// </summary>
internal static class LineClassifier
{
    public static List<PageLine> Classify(IReadOnlyList<SourceLine> source)
    {
        var lines = source.Select(s => new PageLine(s)).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Text.Length > ImportLimits.MaxClassifiedLineLength)
            {
                // Markers, bylines, captions and credits are short; a longer line is prose. Capping here
                // keeps every test below to a bounded line (issue 13).
                MarkText(line);
            }
            else if (Markers.JumpOutPage(line.Text) is { } outPage)
            {
                line.Kind = LineKind.JumpOut;
                line.JumpPage = outPage;
            }
            else if (Markers.JumpInPage(line.Text) is { } inPage)
            {
                line.Kind = LineKind.JumpIn;
                line.JumpPage = inPage;
            }
            else if (BylineParser.TryReadLabel(line.Text, out var label, out var rest))
            {
                line.Kind = LineKind.Byline;
                line.BylineLabel = label;
                line.BylineRest = rest;
                i = ClaimBylineMembers(lines, i);
            }
            else if (line.Source.Hint == LineHint.Caption)
            {
                // The geometry put it under a picture: a caption even when no credit can be read from it.
                line.Kind = LineKind.Caption;
                line.Photo = CaptionParser.TryParse(line.Text, line.Source.Number)
                    ?? new ImportedPhoto(line.Text, string.Empty, null, "摄") { Line = line.Source.Number };
            }
            else if (line.Source.Hint == LineHint.None && CaptionParser.TryParse(line.Text, line.Source.Number) is { } photo)
            {
                line.Kind = LineKind.Caption;
                line.Photo = photo;
            }
            else
            {
                MarkText(line);
            }
        }

        PromoteHeadlinesAboveDatelines(lines);
        return lines;
    }

    private static void MarkText(PageLine line)
    {
        var text = line.Text;
        line.Kind = LineKind.Text;
        line.IsDateline = Markers.StartsWithDateline(text);
        line.IsBullet = PrintText.IsBulleted(text);
        line.IsSubtitle = PrintText.StartsWithDash(text) && PrintText.IsShortLine(text);
        var credit = text.Length > ImportLimits.MaxClassifiedLineLength ? "" : CreditText(text);
        line.IsCredit = !line.IsDateline && credit.Length > 0 && BylineParser.IsMemberLine(credit) && BylineParser.HasRole(credit);
        line.IsShort = !line.IsBullet && !line.IsDateline && !line.IsCredit && PrintText.IsShortLine(text);
        ApplyHint(line);
    }

    /// <summary>Where the page's geometry has spoken (a PDF), it decides over the characters' form.</summary>
    private static void ApplyHint(PageLine line)
    {
        switch (line.Source.Hint)
        {
            case LineHint.Kicker or LineHint.Headline or LineHint.Subhead:
                // A headline may hold a comma or end with ！; its size says what it is.
                (line.IsShort, line.IsSubtitle, line.IsDateline, line.IsBullet, line.IsCredit) = (true, false, false, false, false);
                break;
            case LineHint.Subtitle:
                (line.IsShort, line.IsSubtitle, line.IsDateline, line.IsBullet, line.IsCredit) = (false, true, false, false, false);
                break;
            case LineHint.ParagraphStart or LineHint.ParagraphContinued or LineHint.ParagraphDetached:
                // Prose, however short: a one-line paragraph (“请戴好安全帽!”) is not a headline.
                (line.IsShort, line.IsSubtitle) = (false, false);
                break;
        }
    }

    // The names of a byline block run on below its label; columns may push a role and its name a
    // blank line apart, so after a blank line only a line that names a role still belongs.
    private static int ClaimBylineMembers(List<PageLine> lines, int label)
    {
        var i = label;
        while (i + 1 < lines.Count)
        {
            var next = lines[i + 1];
            var belongs = BylineParser.IsMemberLine(next.Text)
                && (next.Source.BlankLinesBefore == 0 || (next.Source.BlankLinesBefore == 1 && BylineParser.HasRole(next.Text)));
            if (!belongs)
            {
                break;
            }

            next.Kind = LineKind.Byline;
            i++;
        }

        return i;
    }

    // A line right above 本报讯 is a headline even when it holds a comma or ends with ！.
    private static void PromoteHeadlinesAboveDatelines(List<PageLine> lines)
    {
        for (var i = 1; i < lines.Count; i++)
        {
            var above = lines[i - 1];
            if (lines[i].IsDateline && above.Kind == LineKind.Text && !above.IsShort && !above.IsDateline
                && !above.IsBullet && !above.IsCredit && above.Source.Hint == LineHint.None && PrintText.CouldBeHeadline(above.Text))
            {
                above.IsShort = true;
            }
        }
    }

    /// <summary>■本报记者 赵静怡 under a headline, （记者 王磊） at a story's end: the roles and names alone.</summary>
    public static string CreditText(string text)
    {
        var t = text.TrimStart('■', '●', '◆', '▲', '★', '☆', '□', '○', '◇').Trim();
        return PrintText.IsBracketed(t) ? t[1..^1].Trim() : t;
    }
}
