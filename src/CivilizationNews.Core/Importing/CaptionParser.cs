namespace CivilizationNews.Core.Importing;

/// <summary>
/// Reads a photo caption: <c>&lt;caption&gt; &lt;name&gt; 摄</c>, <c>&lt;caption&gt;　　本报记者　&lt;name&gt;　摄</c> or
/// <c>&lt;caption&gt; &lt;organisation&gt;供图</c>, or the credit in brackets after the caption. Otherwise the
/// credit must be set off from the caption by spaces;
/// otherwise the caption and the name cannot be told apart and the line is left as text.
/// </summary>
internal static class CaptionParser
{
    private const int MaxCaptionLength = 200;
    private static readonly string[] CreditKinds = ["供图", "摄影", "摄"];

    public static ImportedPhoto? TryParse(string line, int lineNumber)
    {
        var text = line.Trim();
        if (text.Length > MaxCaptionLength || PrintText.IsBracketed(text))
        {
            return null;
        }

        if (text[^1] is '）' or ')')
        {
            return TryParseBracketed(text, lineNumber);
        }

        var kind = Array.Find(CreditKinds, k => text.EndsWith(k, StringComparison.Ordinal));
        if (kind is null)
        {
            return null;
        }

        var body = text[..^kind.Length].TrimEnd();
        var words = WordSpans(body);
        if (words.Count < 2)
        {
            return null;
        }

        var index = words.Count - 1;
        string? role = null;
        var last = Word(body, words[index]);
        string credit;
        if (Credits.SplitGluedRole(last) is { } glued)
        {
            (role, credit) = glued;
            index--;
        }
        else
        {
            if (!Credits.IsCreditName(last) || Credits.IsRole(last))
            {
                return null;
            }

            credit = last;
            index--;

            // Two photographers: 张三 李四 摄. Only when a caption still remains before them.
            var before = Word(body, words[index]);
            if (kind != "供图" && index >= 1 && !Credits.IsRole(before) && Credits.IsPersonName(before) && Credits.IsPersonName(last))
            {
                credit = before + " " + credit;
                index--;
            }

            if (index >= 1 && Credits.IsRole(Word(body, words[index])))
            {
                role = Word(body, words[index]);
                index--;
            }
        }

        var caption = body[..(words[index].Start + words[index].Length)].Trim();
        if (caption.Length < 2 || PrintText.EndsWithClauseMark(caption) || Markers.StartsWithDateline(caption))
        {
            return null;
        }

        return new ImportedPhoto(caption, credit, role, kind) { Line = lineNumber };
    }

    /// <summary>The credit in brackets after the caption: 市民在公园散步（李文博 摄）.</summary>
    private static ImportedPhoto? TryParseBracketed(string text, int lineNumber)
    {
        var open = text.LastIndexOfAny(['（', '(']);
        if (open <= 0)
        {
            return null;
        }

        var inner = text[(open + 1)..^1].Trim();
        var kind = Array.Find(CreditKinds, k => inner.EndsWith(k, StringComparison.Ordinal));
        if (kind is null)
        {
            return null;
        }

        string? role = null;
        var names = new List<string>();
        foreach (var word in PrintText.Words(inner[..^kind.Length]))
        {
            if (Credits.IsRole(word))
            {
                role ??= word;
            }
            else if (Credits.SplitGluedRole(word) is { } glued)
            {
                role ??= glued.Role;
                names.Add(glued.Name);
            }
            else if (Credits.IsCreditName(word))
            {
                names.Add(word);
            }
            else
            {
                return null;
            }
        }

        var caption = text[..open].Trim();
        if (names.Count == 0 || caption.Length < 2 || PrintText.EndsWithClauseMark(caption))
        {
            return null;
        }

        return new ImportedPhoto(caption, string.Join(" ", names), role, kind) { Line = lineNumber };
    }

    private static string Word(string text, (int Start, int Length) span) => text.Substring(span.Start, span.Length);

    private static List<(int Start, int Length)> WordSpans(string text)
    {
        var spans = new List<(int, int)>();
        var i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > start)
            {
                spans.Add((start, i - start));
            }
        }

        return spans;
    }
}
