using System.Text;
using System.Text.RegularExpressions;

namespace CivilizationNews.Core.Importing;

/// <summary>A non-blank line of the page with its indent removed.</summary>
internal sealed record SourceLine(int Number, string Text, bool Indented, int BlankLinesBefore);

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
