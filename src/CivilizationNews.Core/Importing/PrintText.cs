using System.Text.RegularExpressions;

namespace CivilizationNews.Core.Importing;

/// <summary>
/// What the characters of a printed line tell about its role. Pages mix full- and half-width
/// punctuation, so every test here accepts both.
/// </summary>
internal static partial class PrintText
{
    /// <summary>Headlines, kickers and subheads are at most this many characters (without spaces).</summary>
    public const int MaxShortLength = 40;

    // IMPORT-FORMAT.md: a chunk ending with one of these has finished its sentence.
    private const string SentenceFinal = "。！？!?…”」』";
    private const string StrongFinal = "。！？!?…";
    private static readonly char[] Closers = [.. "”’」』）)》〉】\"'"];
    private const string ClauseEnders = "，,、；;：:";

    // Prose has these inside; headlines and subheads do not.
    private const string ProseMarks = "。；;，,";

    // No paragraph, headline or caption can begin with these: a line that does is the rest of a broken one.
    private const string MidSentenceStarters = "，,、；;：:。！？!?…）)》〉】」』”’";

    // ——, and what other tools make of it: — — (two dashes set apart), ―― (GB2312's dash through
    // some converters), －－ and -- (typed), ─ (box drawing).
    private static readonly string[] DashLeads = ["——", "—", "――", "－－", "--", "─"];
    private static readonly char[] DashChars = ['—', '―', '－', '-', '─'];
    private static readonly char[] BulletMarks = ['●', '■', '◆', '▲', '★', '☆', '○', '□', '◇', '▶', '►', '√'];

    public static bool EndsSentence(string text)
    {
        var t = text.TrimEnd();
        if (t.Length == 0)
        {
            return false;
        }

        var last = t[^1];
        if (SentenceFinal.Contains(last, StringComparison.Ordinal))
        {
            return true;
        }

        // "…。（完）" ends a sentence; "…13个县(市、区)" does not: look before the closing bracket group.
        if (last is '）' or ')')
        {
            var open = t.LastIndexOfAny(['（', '(']);
            return open == 0 || (open > 0 && EndsSentence(t[..open]));
        }

        return false;
    }

    /// <summary>Ends with 。！？… possibly inside closing quotes: a sentence, never a headline like 社区里的“红马甲”.</summary>
    public static bool EndsStrongly(string text)
    {
        var t = text.TrimEnd().TrimEnd(Closers);
        return t.Length > 0 && StrongFinal.Contains(t[^1], StringComparison.Ordinal);
    }

    public static bool EndsWithClauseMark(string text)
    {
        var t = text.TrimEnd();
        return t.Length > 0 && ClauseEnders.Contains(t[^1], StringComparison.Ordinal);
    }

    public static bool EndsWithColon(string text)
    {
        var t = text.TrimEnd();
        return t.Length > 0 && t[^1] is '：' or ':';
    }

    public static bool StartsMidSentence(string text) =>
        text.Length > 0 && MidSentenceStarters.Contains(text[0], StringComparison.Ordinal);

    /// <summary>
    /// "动。今年以来…": a few characters and a full stop, the end of a word cut by a column break. No
    /// paragraph starts like that; a quoted call (“好！”) opens with its quote mark.
    /// </summary>
    public static bool StartsWithWordEnd(string text) => WordEnd().IsMatch(text);

    /// <summary>
    /// Could be a kicker, headline, subtitle or subhead: short, no clause punctuation inside, not
    /// ending a sentence. A column chunk of prose nearly always holds a comma, so it fails this test.
    /// </summary>
    public static bool IsShortLine(string text)
    {
        var length = CompactLength(text);
        return length is >= 2 and <= MaxShortLength
            && text.AsSpan().IndexOfAny(ProseMarks) < 0
            && !EndsWithClauseMark(text)
            && !IsBracketed(text)
            && (!EndsStrongly(text) || IsNumberedHeading(text));
    }

    /// <summary>Looser than <see cref="IsShortLine"/>: a line right above 本报讯 is a headline even with a comma in it.</summary>
    public static bool CouldBeHeadline(string text)
    {
        var length = CompactLength(text);
        return length is >= 2 and <= MaxShortLength
            && !text.Contains('。', StringComparison.Ordinal)
            && !EndsWithClauseMark(text)
            && !IsBracketed(text);
    }

    /// <summary>（完）, （记者 王磊）: notes in brackets, never headlines.</summary>
    public static bool IsBracketed(string text)
    {
        var t = text.Trim();
        return t.Length >= 2 && t[0] is '（' or '(' && t[^1] is '）' or ')';
    }

    /// <summary>A line with no letter or digit at all (＊＊＊, ——————) only separates.</summary>
    public static bool IsDecoration(string text) => !text.Any(char.IsLetterOrDigit);

    public static bool StartsWithDash(string text)
    {
        foreach (var dash in DashLeads)
        {
            if (text.StartsWith(dash, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text after a leading dash of any form, "— —" included.</summary>
    public static string WithoutDash(string text)
    {
        var start = 0;
        while (start < text.Length && (Array.IndexOf(DashChars, text[start]) >= 0 || char.IsWhiteSpace(text[start])))
        {
            start++;
        }

        return text[start..].Trim();
    }

    /// <summary>A list item: opened by —— or a bullet sign.</summary>
    public static bool IsBulleted(string text) =>
        StartsWithDash(text) || (text.Length > 0 && Array.IndexOf(BulletMarks, text[0]) >= 0);

    public static bool IsNumberedHeading(string text) => NumberedHeading().IsMatch(text);

    /// <summary>Kickers are often a unit's name: 市供水公司, 市第一人民医院, 盐湖区, 市消防救援支队.</summary>
    public static bool LooksLikeUnitName(string text) => UnitName().IsMatch(text);

    public static int CompactLength(string text)
    {
        var length = 0;
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                length++;
            }
        }

        return length;
    }

    /// <summary>The same letters, digits and characters in the same order, whatever the brackets, spaces and punctuation.</summary>
    public static bool SameWording(string a, string b) =>
        a.Where(char.IsLetterOrDigit).SequenceEqual(b.Where(char.IsLetterOrDigit));

    public static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>Splits at runs of half- or full-width spaces.</summary>
    public static string[] Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Excerpt(string text, int length = 20) =>
        text.Length <= length ? text : string.Concat(text.AsSpan(0, length), "…");

    [GeneratedRegex(@"^[\p{L}\p{Nd}]{1,3}[。！？!?…]")]
    private static partial Regex WordEnd();

    [GeneratedRegex(@"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十百\d]+[部分章节篇条]|[①-⑳])")]
    private static partial Regex NumberedHeading();

    [GeneratedRegex("(?:局|院|公司|集团|区|县|市|州|盟|旗|镇|乡|村|街道|社区|支队|大队|中队|队|会|校|学|园|委|厅|部|所|站|中心|银行|馆|办|处|科|团|社|厂|场|矿|行|室|组|机关|分局|协会|公安|法院|检察院)$")]
    private static partial Regex UnitName();
}
