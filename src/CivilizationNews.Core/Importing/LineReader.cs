using System.Text;
using System.Text.RegularExpressions;

namespace CivilizationNews.Core.Importing;

/// <summary>A non-blank line of the page with its indent removed.</summary>
internal sealed record SourceLine(int Number, string Text, bool Indented, int BlankLinesBefore)
{
    /// <summary>
    /// What the page's geometry says the line is, when the page was read from a PDF (<see cref="PdfPageReader"/>);
    /// <see cref="LineHint.None"/> for plain text, where the characters alone decide.
    /// </summary>
    public LineHint Hint { get; init; }

    /// <summary>A rule (or the page's edge) separates this line from the text before it: a new frame of the page.</summary>
    public bool NewFrame { get; init; }
}

/// <summary>
/// A line's role as the page's geometry shows it: font sizes and weights, indents, column edges and rules.
/// Text copied out of a layout system has none of this and leaves every line at <see cref="None"/>.
/// </summary>
internal enum LineHint
{
    None,

    /// <summary>The line above a headline, in a smaller size (often a unit's name).</summary>
    Kicker,

    Headline,

    /// <summary>Under a headline, smaller than it: the subtitle, with or without a leading ——.</summary>
    Subtitle,

    /// <summary>A bold or larger line standing alone in a column: a section heading, never a story's start.</summary>
    Subhead,

    /// <summary>The line under a picture.</summary>
    Caption,

    /// <summary>Opens a paragraph (indented, or after a finished one).</summary>
    ParagraphStart,

    /// <summary>Carries on the paragraph before it in reading order (the next column of the same text).</summary>
    ParagraphContinued,

    /// <summary>
    /// Carries on a paragraph, but not the one before it: the first line of a block that opens mid-paragraph
    /// after a rule or a picture. A jumped tail, whose story is printed elsewhere on the page.
    /// </summary>
    ParagraphDetached,
}

/// <summary>
/// Splits the page into lines whatever the line ends (LF, CRLF, CR, or Word's vertical tab for a
/// manual break), removes the indent, and remembers how many blank lines came before each line:
/// blank lines and indents are how the page marks paragraphs.
/// </summary>
internal static partial class LineReader
{
    public static List<SourceLine> Read(string text, List<ImportWarning> warnings)
    {
        var lines = new List<SourceLine>();
        var number = 0;
        var blanks = 0;
        foreach (var raw in LineBreak().Split(text))
        {
            number++;
            var (clean, unreadable) = Clean(raw);
            var body = clean.Trim();
            if (body.Length == 0 || PrintText.IsDecoration(body))
            {
                blanks++;
                continue;
            }

            if (unreadable)
            {
                warnings.Add(new ImportWarning(ImportWarningKind.Unreadable, $"第{number}行有无法识别的字符：{body}", null) { Lines = [number] });
            }

            lines.Add(new SourceLine(number, body, IsIndented(clean), blanks));
            blanks = 0;
        }

        return lines;
    }

    private static (string Text, bool Unreadable) Clean(string raw)
    {
        var unreadable = raw.Contains('\uFFFD', StringComparison.Ordinal);
        StringBuilder? cleaned = null;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            var invisible = c is '\uFEFF' or '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\u001A';
            var stray = PageDecoder.IsStrayControl(c);
            if (invisible || stray)
            {
                unreadable |= stray;
                cleaned ??= new StringBuilder(raw, 0, i, raw.Length);
                continue;
            }

            cleaned?.Append(c);
        }

        return (cleaned?.ToString() ?? raw, unreadable);
    }

    // One full-width space or two half-width ones; a single space is often just copy-paste noise.
    private static bool IsIndented(string line)
    {
        var width = 0;
        foreach (var c in line)
        {
            if (c is '\u3000' or '\t')
            {
                width += 2;
            }
            else if (char.IsWhiteSpace(c))
            {
                width++;
            }
            else
            {
                break;
            }
        }

        return width >= 2;
    }

    [GeneratedRegex("\r\n|[\r\n\f\v\u0085\u2028\u2029]", RegexOptions.None, ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex LineBreak();
}
