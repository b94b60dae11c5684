using System.Text.RegularExpressions;

namespace CivilizationNews.Core.Importing;

/// <summary>The fixed formulas of a Chinese print page: jump markers and the 本报讯 dateline.</summary>
internal static partial class Markers
{
    /// <summary>（下转第3版） → "第3版": the story continues on that page.</summary>
    public static string? JumpOutPage(string line) => Page(JumpOut().Match(line));

    /// <summary>（上接第1版） → "第1版": what follows continues a story from that page.</summary>
    public static string? JumpInPage(string line) => Page(JumpIn().Match(line));

    public static bool StartsWithDateline(string text) => Dateline().IsMatch(text);

    /// <summary>
    /// Splits 本报讯（通讯员 张晓燕 记者 王磊）12月3日,… into the dateline, the bracketed credit and
    /// the paragraph as printed after them.
    /// </summary>
    public static (string Dateline, string? Credit, int BodyStart)? ReadDateline(string paragraph)
    {
        var match = Dateline().Match(paragraph);
        if (!match.Success)
        {
            return null;
        }

        var credit = match.Groups["credit"];
        return (match.Groups["dateline"].Value, credit.Success ? credit.Value.Trim() : null, match.Length);
    }

    private static string? Page(Match match) =>
        match.Success ? Regex.Replace(match.Groups["page"].Value, @"\s+", "") : null;

    private const string PageNumber = @"(?<page>第?\s*[A-Za-zＡ-Ｚａ-ｚ]?[0-9０-９一二三四五六七八九十]+\s*版)";

    [GeneratedRegex(@"^[（(]?\s*(?:下转|转至|转)\s*" + PageNumber + @"\s*[）)]?$")]
    private static partial Regex JumpOut();

    [GeneratedRegex(@"^[（(]?\s*(?:上接|紧接|接上|接)\s*" + PageNumber + @"\s*[）)]?$")]
    private static partial Regex JumpIn();

    // 本报讯, 本报北京11月15日电, 新华社北京11月15日电; the bracketed credit may follow, then spaces.
    [GeneratedRegex(@"^(?<dateline>本报讯|本报[^\s，,。；;（(讯电记]{1,12}(?:讯|电)|新华社[^\s，,。；;（(电]{1,12}电)(?:\s*[（(](?<credit>[^（()）]{1,40})[）)])?\s*")]
    private static partial Regex Dateline();
}
