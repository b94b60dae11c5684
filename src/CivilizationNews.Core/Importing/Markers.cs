using System.Globalization;
using System.Text.RegularExpressions;

namespace CivilizationNews.Core.Importing;

/// <summary>The fixed formulas of a Chinese print page: jump markers and the 本报讯 dateline.</summary>
internal static partial class Markers
{
    /// <summary>（下转第3版） → "第3版": the story continues on that page.</summary>
    public static string? JumpOutPage(string line) => Page(JumpMatch(JumpOut(), line));

    /// <summary>（上接第1版） → "第1版": what follows continues a story from that page.</summary>
    public static string? JumpInPage(string line) => Page(JumpMatch(JumpIn(), line));

    public static bool StartsWithDateline(string text) => Dateline().IsMatch(DatelineStart(text));

    /// <summary>
    /// Splits 本报讯（通讯员 张晓燕 记者 王磊）12月3日,… into the dateline, the bracketed credit and
    /// the paragraph as printed after them.
    /// </summary>
    public static (string Dateline, string? Credit, int BodyStart)? ReadDateline(string paragraph)
    {
        var match = Dateline().Match(DatelineStart(paragraph));
        if (!match.Success)
        {
            return null;
        }

        // （记者　王磊） and （记者 王磊） are one credit: spaces inside only separate roles and names.
        var credit = match.Groups["credit"];
        return (match.Groups["dateline"].Value, credit.Success ? Spaces().Replace(credit.Value.Trim(), " ") : null, match.Length);
    }

    private static string DatelineStart(string text) => text.Length <= DatelineWindow ? text : text[..DatelineWindow];

    /// <summary>
    /// The page a marker names, written one way whatever the typesetter used: 第Ａ３版, 第 a3 版 and
    /// 第A3版 are all 第A3版, and 第五版 is 第5版, so that the same page always reads the same.
    /// </summary>
    private static string? Page(Match match)
    {
        if (!match.Success)
        {
            return null;
        }

        var letter = match.Groups["letter"].Value;
        var number = match.Groups["number"].Value;
        var digits = PrintText.Count(number)?.ToString(CultureInfo.InvariantCulture)
            ?? string.Concat(number.Select(c => c is >= '０' and <= '９' ? (char)(c - '０' + '0') : c));
        if (letter.Length == 1 && letter[0] is >= 'Ａ' and <= 'Ｚ' or >= 'ａ' and <= 'ｚ')
        {
            letter = ((char)(letter[0] - 'Ａ' + 'A')).ToString();
        }

        return $"第{letter.ToUpperInvariant()}{digits}版";
    }

    /// <summary>（上接第2版） as this importer writes every form of it, for notes to the editor.</summary>
    public static string JumpInMarker(string page) => $"（上接{page}）";

    // Full- or half-width brackets (also 【】〔〕), 第 optional, a page letter (A3, Ａ３), digits in
    // either width or Chinese numerals. Every run of spaces is taken whole by one atomic (?>\s*) and
    // the next element is never a space, so no two loops can share a run: a line of 转, a megabyte of
    // spaces and an x once tied a core up for minutes trying every way to split the spaces between
    // the loops after 转, 第 and the page letter (issue 13). The number is atomic for the same reason.
    private const string Space = @"(?>\s*)";
    private const string PageNumber = "(?:第" + Space + ")?(?:(?<letter>[A-Za-zＡ-Ｚａ-ｚ])" + Space + ")?(?<number>(?>[0-9０-９]+|[一二三四五六七八九十]+))" + Space + "版";
    private const string Open = "^[（(【〔\\[]?" + Space;
    private const string Close = Space + "[）)】〕\\]]?$";

    /// <summary>A marker is a few characters and some spaces; a longer line is text, whatever it starts with.</summary>
    public const int MaxMarkerLength = 64;

    /// <summary>本报讯, its place, its bracketed credit and a colon fit in this many characters; only these are read.</summary>
    public const int DatelineWindow = 256;

    private static Match JumpMatch(Regex pattern, string line) =>
        line.Length <= MaxMarkerLength ? pattern.Match(line) : Match.Empty;

    [GeneratedRegex(Open + "(?:下转|转至|转)" + Space + PageNumber + Close, RegexOptions.None, ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex JumpOut();

    [GeneratedRegex(Open + "(?:上接|紧接|接上|接)" + Space + PageNumber + Close, RegexOptions.None, ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex JumpIn();

    // 本报讯, 本报北京11月15日电, 新华社北京11月15日电; the bracketed credit may follow, then a colon
    // (本报讯：, 本报讯:) or spaces: all of that is the dateline's, none of it the lead's. Spaces are
    // taken atomically, as above.
    [GeneratedRegex(@"^(?<dateline>本报讯|本报[^\s，,。；;:：（(讯电记]{1,12}(?:讯|电)|新华社[^\s，,。；;:：（(电]{1,12}电)(?>\s*)(?:[（(](?<credit>[^（()）]{1,40})[）)](?>\s*))?(?:[:：](?>\s*))?", RegexOptions.None, ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Dateline();

    [GeneratedRegex(@"\s+", RegexOptions.None, ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Spaces();
}
