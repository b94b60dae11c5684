using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace CivilizationNews.Core.Search;

/// <summary>A run of original text, marked when it is one of the query's words.</summary>
public sealed record TextRun(string Text, bool IsMatch);

/// <summary>Text cut into runs for display; the view HTML-encodes each run and wraps matches in &lt;mark&gt;.</summary>
public sealed record HighlightedText(IReadOnlyList<TextRun> Runs)
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static HighlightedText Empty { get; } = new([]);

    public string PlainText => string.Concat(Runs.Select(r => r.Text));

    public bool HasMatch => Runs.Any(r => r.IsMatch);

    /// <summary>The runs as HTML: every run encoded, matches in &lt;mark&gt;.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder();
        foreach (var run in Runs)
        {
            html.Append(run.IsMatch ? "<mark>" : string.Empty)
                .Append(Encoder.Encode(run.Text))
                .Append(run.IsMatch ? "</mark>" : string.Empty);
        }
        return html.ToString();
    }
}

/// <summary>
/// Marks the query's words in the original text (never in the segmented copy, which has spaces
/// between words) and cuts snippets around the densest cluster of matches.
/// </summary>
public static class Highlighter
{
    public const int SnippetLength = 120;
    private const string Ellipsis = "…";

    /// <summary>The whole text with every occurrence of the words marked (adjacent words merge into one mark).</summary>
    public static HighlightedText Mark(string? text, IReadOnlyCollection<string> words)
    {
        if (string.IsNullOrEmpty(text))
        {
            return HighlightedText.Empty;
        }
        return Runs(text, 0, text.Length, Matches(text, words), prefix: false, suffix: false);
    }

    /// <summary>
    /// A window of about <paramref name="length"/> characters of <paramref name="text"/> around its
    /// matches, with … where it was cut; null when the text holds none of the words.
    /// </summary>
    public static HighlightedText? Snippet(string? text, IReadOnlyCollection<string> words, int length = SnippetLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        text = Flatten(text);
        var matches = Matches(text, words);
        if (matches.Count == 0)
        {
            return null;
        }
        var (start, end) = Window(text, matches, length);
        return Runs(text, start, end, matches, prefix: start > 0, suffix: end < text.Length);
    }

    /// <summary>The beginning of a text, cut to length, for stories whose match is elsewhere (a unit name, the title).</summary>
    public static HighlightedText Lead(string? text, int length = SnippetLength)
    {
        if (string.IsNullOrEmpty(text))
        {
            return HighlightedText.Empty;
        }
        text = Flatten(text);
        var end = SafeEnd(text, Math.Min(text.Length, length));
        return new HighlightedText([new TextRun(end < text.Length ? text[..end] + Ellipsis : text, false)]);
    }

    /// <summary>Paragraph breaks become nothing after Chinese punctuation and a space elsewhere.</summary>
    private static string Flatten(string text)
    {
        if (!text.Contains('\n', StringComparison.Ordinal))
        {
            return text;
        }
        var output = new StringBuilder(text.Length);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (output.Length > 0 && !IsCjkOrPunctuation(output[^1]))
            {
                output.Append(' ');
            }
            output.Append(line);
        }
        return output.ToString();
    }

    private static bool IsCjkOrPunctuation(char c) => c >= '\u2E80' || char.IsPunctuation(c);

    /// <summary>Every occurrence of every word, case-insensitive, merged where they overlap or touch.</summary>
    private static List<(int Start, int End)> Matches(string text, IReadOnlyCollection<string> words)
    {
        var found = new List<(int Start, int End)>();
        foreach (var word in words)
        {
            if (string.IsNullOrEmpty(word))
            {
                continue;
            }
            var at = 0;
            while (at < text.Length && (at = text.IndexOf(word, at, StringComparison.OrdinalIgnoreCase)) >= 0)
            {
                found.Add((at, at + word.Length));
                at += word.Length;
            }
        }
        found.Sort();
        var merged = new List<(int Start, int End)>();
        foreach (var m in found)
        {
            if (merged.Count > 0 && m.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, m.End));
            }
            else
            {
                merged.Add(m);
            }
        }
        return merged;
    }

    /// <summary>The window that holds the most matches, opened a little before the first of them (at a sentence start when one is near).</summary>
    private static (int Start, int End) Window(string text, List<(int Start, int End)> matches, int length)
    {
        if (text.Length <= length)
        {
            return (0, text.Length);
        }
        var best = 0;
        var bestCount = 0;
        for (int i = 0, j = 0; i < matches.Count; i++)
        {
            while (j < matches.Count && matches[j].End - matches[i].Start <= length)
            {
                j++;
            }
            if (j - i > bestCount)
            {
                bestCount = j - i;
                best = i;
            }
        }
        var first = matches[best].Start;
        var start = Math.Max(0, first - (length / 5));
        // Prefer to open at the start of the sentence if it is close.
        for (var k = first - 1; k >= Math.Max(0, first - (length / 3)); k--)
        {
            if (text[k] is '。' or '！' or '？' or '；' or '\n')
            {
                start = k + 1;
                break;
            }
            if (k == 0)
            {
                start = 0;
            }
        }
        var end = Math.Min(text.Length, start + length);
        if (end == text.Length)
        {
            start = Math.Max(0, end - length);
        }
        return (SafeStart(text, start), SafeEnd(text, end));
    }

    private static int SafeStart(string text, int index) =>
        index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) ? index + 1 : index;

    private static int SafeEnd(string text, int index) =>
        index > 0 && index < text.Length && char.IsLowSurrogate(text[index]) ? index - 1 : index;

    private static HighlightedText Runs(string text, int start, int end, List<(int Start, int End)> matches, bool prefix, bool suffix)
    {
        var runs = new List<TextRun>();
        if (prefix)
        {
            runs.Add(new TextRun(Ellipsis, false));
        }
        var at = start;
        foreach (var (mStart, mEnd) in matches)
        {
            if (mEnd <= start || mStart >= end)
            {
                continue;
            }
            var s = Math.Max(mStart, start);
            var e = Math.Min(mEnd, end);
            if (s > at)
            {
                runs.Add(new TextRun(text[at..s], false));
            }
            runs.Add(new TextRun(text[s..e], true));
            at = e;
        }
        if (at < end)
        {
            runs.Add(new TextRun(text[at..end], false));
        }
        if (suffix)
        {
            runs.Add(new TextRun(Ellipsis, false));
        }
        // Merge neighbouring plain runs (the ellipsis with the text beside it).
        var merged = new List<TextRun>();
        foreach (var run in runs)
        {
            if (merged.Count > 0 && !run.IsMatch && !merged[^1].IsMatch)
            {
                merged[^1] = new TextRun(merged[^1].Text + run.Text, false);
            }
            else
            {
                merged.Add(run);
            }
        }
        return new HighlightedText(merged);
    }
}
