using System.Buffers;
using System.Globalization;
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
    private static readonly char[] ItemHeadStops = [.. "。！？!?，,；;：:"];
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

    /// <summary>"——实在摸清底数。组织专人…" → "实在摸清底数": a list item's words up to its first stop.</summary>
    public static string ListItemHead(string item)
    {
        var text = WithoutDash(item.TrimStart(BulletMarks).Trim());
        var stop = text.AsSpan().IndexOfAny(ItemHeadStops);
        return stop < 0 ? text : text[..stop];
    }

    /// <summary>
    /// The sizes of the lists a text announces: a count opening a quoted slogan (“三个实”, “五化”), or
    /// a count of measures, aspects or steps (两项举措, 四个方面, 3条措施, 两项便民服务). A count of
    /// things in general (3个社区, 两个月) announces nothing.
    /// </summary>
    public static HashSet<int> AnnouncedCounts(string text)
    {
        var counts = new HashSet<int>();
        foreach (var match in AnnouncedCount().Matches(text).Cast<Match>())
        {
            if (Count(match.Groups["n"].Value) is { } n)
            {
                counts.Add(n);
            }
        }

        return counts;
    }

    /// <summary>3, ３, 两, 十二 → the number; null for anything else.</summary>
    public static int? Count(string text)
    {
        const string Digits = "一二三四五六七八九";
        if (text.Length > 0 && text.All(c => c is >= '0' and <= '9' or >= '０' and <= '９'))
        {
            return text.Length <= 3 ? int.Parse(string.Concat(text.Select(c => c >= '０' ? (char)(c - '０' + '0') : c)), CultureInfo.InvariantCulture) : null;
        }

        if (text == "两")
        {
            return 2;
        }

        if (text.Length == 0 || text.Any(c => c != '十' && !Digits.Contains(c, StringComparison.Ordinal)))
        {
            return null;
        }

        var ten = text.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0)
        {
            return text.Length == 1 ? Digits.IndexOf(text[0], StringComparison.Ordinal) + 1 : null;
        }

        if (ten != text.LastIndexOf('十') || ten > 1 || text.Length - ten > 2)
        {
            return null;
        }

        var tens = ten == 0 ? 1 : Digits.IndexOf(text[0], StringComparison.Ordinal) + 1;
        var units = ten == text.Length - 1 ? 0 : Digits.IndexOf(text[^1], StringComparison.Ordinal) + 1;
        return (tens * 10) + units;
    }

    public static bool IsNumberedHeading(string text) => NumberedHeading().IsMatch(text);

    /// <summary>
    /// Kickers are often a unit's name: 市供水公司, 市第一人民医院, 市消防救援支队, 盐湖区税务局. A word
    /// counts as one only on strong evidence, because a paired headline's first half ends in the same
    /// characters (文明实践进社区, 携手共建美丽家园, 绿色出行): it must read as a name (Chinese
    /// characters and digits, none of the particles and verbs a phrase is built with) and end in an
    /// organisation's word of two or more characters (…委员会, …医院, …分行, …学校, …公司), or in a
    /// one-character one (…局, …委, …院) after the 市/县/区 that opens or places a government body.
    /// A single 学, 会, 区, 市, 行, 场, 组 or 社 at the end is never enough.
    /// </summary>
    public static bool LooksLikeUnitName(string text)
    {
        if (text.Length is < 3 or > 24 || !text.All(c => Credits.IsHan(c) || char.IsAsciiDigit(c))
            || text.AsSpan().IndexOfAny(PhraseCharacters) >= 0)
        {
            return false;
        }

        // A name before the word: two characters at least (市中心 is a place), or one before a word
        // that is itself a name of three or more (市总工会, 市红十字会).
        var organisation = OrganisationWord().Match(text);
        if (organisation.Success && (organisation.Index >= 2 || (organisation.Index == 1 && organisation.Length >= 3)))
        {
            return true;
        }

        var body = GovernmentBody().Match(text);
        return body.Success && body.Index >= 2 && text.AsSpan(0, body.Index).IndexOfAny(AdministrativeLevels) >= 0;
    }

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

    private const string CountPattern = @"(?<n>[0-9０-９]{1,2}|两|[一二三四五六七八九十]{1,3})";

    [GeneratedRegex("“" + CountPattern + "[^”“]{1,6}”|(?<![0-9０-９第])" + CountPattern + "(?:(?:个|项|条|大|种|点|类)[^，,。；;：:！？!?、]{0,4}?)?(?:举措|措施|方面|环节|行动|工程|机制|做法|任务|重点|途径|目标|原则|制度|办法|步骤|要求|招|特色|亮点|变化|服务)", RegexOptions.None, ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex AnnouncedCount();

    [GeneratedRegex(@"^[\p{L}\p{Nd}]{1,3}[。！？!?…]", RegexOptions.None, ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex WordEnd();

    [GeneratedRegex(@"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]|\d{1,2}[、.．](?!\d)|第[一二三四五六七八九十百\d]+[部分章节篇条]|[①-⑳])", RegexOptions.None, ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex NumberedHeading();

    // Particles and verbs that build a phrase (走进…, 以人民为中心, 老人们…) and never stand in a name.
    private static readonly SearchValues<char> PhraseCharacters = SearchValues.Create("的了着进在为让把向是到们被将从给也都就吗呢");

    // The levels that open a government body's name (市人社局) or place it (盐湖区税务局).
    private static readonly SearchValues<char> AdministrativeLevels = SearchValues.Create("省市县区州盟旗镇乡");

    [GeneratedRegex("(?:委员会|管委会|居委会|村委会|联合会|总工会|工会|协会|商会|红十字会|人民政府|政府|办事处|办公室|管理处|管理所|中心|医院|卫生院|保健院|银行|分行|支行|学校|中学|小学|大学|学院|幼儿园|公司|集团|合作社|支队|大队|中队|服务队|派出所|法院|检察院|研究院|研究所|图书馆|博物馆|纪念馆|文化馆|档案馆|科技馆|美术馆|体育馆)$", RegexOptions.None, ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex OrganisationWord();

    // Not 会: 市两会, 省运会 and 区党代会 are events; a body called …会 ends in one of the words above.
    [GeneratedRegex("(?:局|委|院|厅|办|处|所|站|队|馆|校)$", RegexOptions.None, ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex GovernmentBody();
}
