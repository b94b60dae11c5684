using System.Text;

namespace CivilizationNews.Tests.Common;

/// <summary>
/// Page texts built to make a careless importer take quadratic time or worse (issue 13 item 5): one
/// per family of pattern or loop in Core/Importing. The tests import each and expect an answer; the
/// bench (bench/import-pathological) prints how long each takes. Sizes are in UTF-8 bytes, roughly.
/// </summary>
public static class PathologicalPages
{
    public const int Megabyte = 1024 * 1024;

    /// <summary>The families by name, each a function of the target size in bytes.</summary>
    public static IReadOnlyDictionary<string, Func<int, string>> All { get; } = new Dictionary<string, Func<int, string>>(StringComparer.Ordinal)
    {
        // Jump markers: two whitespace loops side by side once split a run of spaces every way.
        ["jump-out-spaces"] = size => "转" + new string(' ', size - 4) + "x",
        ["jump-out-ideographic-spaces"] = size => "转" + new string('\u3000', (size - 4) / 3) + "x",
        ["jump-in-spaces"] = size => "接" + new string(' ', size - 4) + "x",
        ["jump-in-ideographic-spaces"] = size => "上接" + new string('\u3000', (size - 7) / 3) + "x",
        ["jump-page-spaces"] = size => "（下转第" + new string(' ', (size - 20) / 2) + "A" + new string(' ', (size - 20) / 2) + "x",
        ["jump-markers-many-lines"] = size => Lines(size - 64, i => "（转" + new string(' ', 40) + "第" + new string('\u3000', 20) + "x"),
        // The 本报讯 dateline, its bracketed credit and colon.
        ["dateline-spaces"] = size => "本报讯" + new string(' ', size - 10) + "x",
        ["dateline-credit-spaces"] = size => "本报讯（记者 王磊）" + new string('\u3000', (size - 40) / 3) + "：" + new string(' ', 10) + "x",
        ["dateline-open-bracket"] = size => "本报讯" + Repeat("（", size / 3),
        // The 本版撰文 byline label and its colon between spaces; a byline block of endless distinct roles.
        ["byline-label-spaces"] = size => "本版撰文" + new string(' ', (size - 20) / 2) + "：" + new string(' ', (size - 20) / 2) + "x",
        ["byline-many-roles"] = size => "本版撰文\n" + Lines(size - 64, i => Han(i, 4) + "记者 " + Han(i + 7, 3)),
        // Numbered subheads, list announcements, word ends.
        ["numbered-heading-run"] = size => Repeat("一", size / 3) + "x",
        ["announced-count-run"] = size => "本报讯 " + Repeat("“三个", size / 9) + "”",
        ["count-measure-run"] = size => "本报讯 " + Repeat("3个", size / 4) + "措施",
        // Paragraphs: endless continuation lines, a line with no break at all, duplicates, lists.
        ["continuation-lines"] = size => "本报讯 开头" + Lines(size - 64, i => "，接着写" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ["unfinished-lines"] = size => "本报讯 开头" + Lines(size - 64, i => Repeat("市民在公园里散步", 6) + Han(i, 3)),
        ["one-long-line"] = size => Repeat("市民在公园里散步，", size / 27),
        ["duplicate-paragraphs"] = size => "寒潮来袭\n\n本报讯 气温下降。\n\n" + Lines(size - 64, _ => "　　同一段文字。\n"),
        ["list-after-story"] = size => "寒潮来袭\n\n本报讯 气温下降。\n\n" + Lines(size - 64, i => "——第" + Han(i, 3) + "项。"),
        ["features-and-lists"] = size => Lines(size - 64, i => i % 2 == 0
            ? $"专题{Han(i, 2)}\n\n一、小标题{Han(i, 2)}\n\n　　正文{Han(i, 4)}内容。\n"
            : $"短讯{Han(i, 2)}\n\n本报讯 消息{Han(i, 3)}。\n\n——列表{Han(i, 3)}。\n\n——列表{Han(i + 1, 3)}。\n"),
        // Jumped tails: every paragraph starts alike, and story ends repeat those starts almost to the end.
        ["stitch-candidates"] = size => Lines(size - 64, i => $"标题{Han(i, 4)}\n\n本报讯 {Repeat("啊", 60)}{Han(i, 1)}\n\n{Repeat("啊", 62)}{Han(i + 1, 1)}。\n"),
        ["stitch-long-overlap"] = size => $"标题甲\n\n本报讯 {Repeat("啊", size / 7)}乙\n\n标题丙\n\n本报讯 开头。\n\n{Repeat("啊", size / 7)}丁。",
        // Captions: many credits, a long body before 摄.
        ["caption-like-lines"] = size => Lines(size - 64, i => "市民在公园散步 " + Han(i, 3) + " 摄"),
        ["caption-long-body"] = size => Repeat("图 ", size / 4) + "李文博 摄",
    };

    /// <summary>Lines from <paramref name="line"/> until the text reaches about <paramref name="size"/> bytes.</summary>
    private static string Lines(int size, Func<int, string> line)
    {
        var builder = new StringBuilder();
        var bytes = 0;
        for (var i = 0; ; i++)
        {
            var next = line(i);
            bytes += Encoding.UTF8.GetByteCount(next) + 1;
            if (bytes > size)
            {
                return builder.ToString();
            }

            builder.Append(next).Append('\n');
        }
    }

    private static string Repeat(string text, int times) => new StringBuilder(text.Length * Math.Max(times, 0)).Insert(0, text, Math.Max(times, 0)).ToString();

    /// <summary>A deterministic run of <paramref name="length"/> common Chinese characters, different for each <paramref name="seed"/>.</summary>
    private static string Han(int seed, int length)
    {
        const string Characters = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
        var chars = new char[length];
        var n = (uint)seed;
        for (var i = 0; i < length; i++)
        {
            chars[i] = Characters[(int)(n % (uint)Characters.Length)];
            n = (n / (uint)Characters.Length) + ((uint)i * 31u) + 7u;
        }

        return new string(chars);
    }
}
