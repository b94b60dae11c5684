using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Importing;
using CivilizationNews.Tests.Common;

namespace CivilizationNews.Core.Tests.Importing;

/// <summary>
/// Pages built to be slow (issue 13 item 5): each is answered, with a result or a refusal, and the
/// bounds that make that so are checked one by one. How long each takes is printed by
/// bench/import-pathological, not asserted here.
/// </summary>
public sealed class PathologicalInputTests
{
    private static readonly PrintPageImporter Importer = new();

    public static TheoryData<string> Families() => [.. PathologicalPages.All.Keys];

    [Theory]
    [MemberData(nameof(Families))]
    public void A_megabyte_built_to_be_slow_is_answered(string family)
    {
        var text = PathologicalPages.All[family](PathologicalPages.Megabyte);

        var result = Importer.Import(Encoding.UTF8.GetBytes(text));

        // Whatever the importer made of it, the text is all still there for the editor.
        AssertKept(text, result);
    }

    [Theory]
    [InlineData("jump-out-spaces")]
    [InlineData("jump-out-ideographic-spaces")]
    public void The_issues_jump_marker_line_is_answered_at_the_size_limit(string family)
    {
        // 转, then spaces (or U+3000) up to just under 5 MB, then x: once minutes of backtracking.
        var text = PathologicalPages.All[family](PrintPageImporter.MaxBytes - 64);

        var result = Importer.Import(Encoding.UTF8.GetBytes(text));

        // Two words apart, short enough to read as a headline: kept whole, as a story's title.
        Assert.Equal(text, Assert.Single(result.Articles).Title);
    }

    [Fact]
    public void Every_pattern_over_user_input_has_a_match_timeout()
    {
        var patterns = CorePatterns().ToList();

        Assert.True(patterns.Count >= 10, $"found only {patterns.Count} patterns");
        var unbounded = patterns.Where(p => p.Regex.MatchTimeout == Regex.InfiniteMatchTimeout).Select(p => p.Name).ToList();
        Assert.True(unbounded.Count == 0, "Patterns without a match timeout: " + string.Join(", ", unbounded));
    }

    /// <summary>
    /// Each importer pattern against a megabyte of spaces after every prefix the patterns know: a
    /// pattern where two loops can split the same run of spaces backtracks for minutes, so it would
    /// hit its timeout here and throw. A linear one answers in milliseconds, far inside the timeout.
    /// </summary>
    [Fact]
    public void No_importer_pattern_backtracks_over_a_megabyte_of_spaces()
    {
        string[] prefixes = ["转", "下转", "（转第", "转第A", "转第 A 3", "接", "（上接", "上接第Ａ", "本报讯", "本报讯（记者 王磊）", "本报北京电", "本版撰文", "本版撰文：", "一", "第", "“三"];
        string[] runs = [new(' ', PathologicalPages.Megabyte), new('\u3000', PathologicalPages.Megabyte / 3), string.Concat(Enumerable.Repeat(" \u3000\t", PathologicalPages.Megabyte / 5))];
        var timedOut = new List<string>();
        foreach (var (name, regex) in CorePatterns().Where(p => p.Name.StartsWith(typeof(PrintPageImporter).Namespace!, StringComparison.Ordinal)))
        {
            foreach (var prefix in prefixes)
            {
                foreach (var run in runs)
                {
                    try
                    {
                        regex.Match(prefix + run + "x");
                        regex.Match(prefix + run + "3" + run + "x");
                    }
                    catch (RegexMatchTimeoutException)
                    {
                        timedOut.Add($"{name} after {prefix}");
                    }
                }
            }
        }

        Assert.True(timedOut.Count == 0, "Patterns that backtracked until their timeout:\n" + string.Join('\n', timedOut.Distinct()));
    }

    [Fact]
    public void A_line_too_long_to_be_a_marker_is_kept_as_text()
    {
        const string Story = "寒潮来袭\n\n本报讯 气温将明显下降。\n\n";
        var marker = "（下转" + new string(' ', 10) + "第3版）";
        var padded = "（下转" + new string(' ', 2000) + "第3版）";

        var jumped = Importer.Import(Story + marker);
        var kept = Importer.Import(Story + padded);

        // A marker's few characters read as one; padded beyond any marker, the same words are text.
        Assert.Equal("第3版", Assert.Single(jumped.Articles).ContinuesOn);
        Assert.Null(Assert.Single(kept.Articles).ContinuesOn);
        PageAssert.NoTextLost(Story + padded, kept);
    }

    [Fact]
    public void Stitching_stops_after_a_bounded_number_of_tails()
    {
        // Eighty stories, each ending with the first words of its tail, the tails printed above the
        // headlines (a caption between each, so that each tail is a run of its own).
        const int Stories = 80;
        var page = new StringBuilder();
        for (var i = 0; i < Stories; i++)
        {
            page.Append(CultureInfo.InvariantCulture, $"尾声{Words(i)}继续写完。\n\n市民在公园散步 赵文华 摄\n\n");
        }

        for (var i = 0; i < Stories; i++)
        {
            page.Append(CultureInfo.InvariantCulture, $"标题{Words(i + 1000)}\n\n本报讯 正文{Words(i + 2000)}开始，内容尾声{Words(i)}\n\n");
        }

        var result = Importer.Import(page.ToString());

        // A real page has a few jumped tails; beyond the bound the rest stay where they were printed.
        Assert.Equal(JumpStitcherBound, result.Warnings.Count(w => w.Kind == ImportWarningKind.Stitched));
        PageAssert.NoTextLost(page.ToString(), result);
    }

    /// <summary>JumpStitcher.MaxStitches (internal to Core).</summary>
    private const int JumpStitcherBound = 64;

    /// <summary>Six characters spelling <paramref name="n"/> in a few distinct Chinese characters.</summary>
    private static string Words(int n)
    {
        const string Characters = "春夏秋冬东南西北金木";
        return string.Concat(n.ToString("D6", CultureInfo.InvariantCulture).Select(d => Characters[d - '0']));
    }

    [Fact]
    public void A_byline_block_of_endless_roles_keeps_every_line_in_its_raw_text()
    {
        var text = PathologicalPages.All["byline-many-roles"](PathologicalPages.Megabyte / 4);

        var result = Importer.Import(text);

        var byline = Assert.IsType<ImportedByline>(result.Byline);
        Assert.InRange(byline.Roles.Count, 1, 40);
        Assert.Equal(text.TrimEnd('\n'), byline.Raw);
    }

    /// <summary>
    /// The scorer's "no text lost" (<see cref="PageAssert.NoTextLost"/>) on a megabyte: every letter
    /// and digit counted, and two hundred of its sentence pieces, spread over the page, found in the
    /// output (checking all of them is itself quadratic at this size).
    /// </summary>
    private static void AssertKept(string source, ImportResult result)
    {
        var kept = new StringBuilder();
        foreach (var article in result.Articles)
        {
            kept.Append(article.Kicker).Append(article.Title).Append(article.Subtitle).Append(article.Dateline).Append(article.Credit);
            foreach (var section in article.Sections)
            {
                kept.Append(section.Heading).AppendJoin("", section.Paragraphs);
            }
        }

        foreach (var photo in result.Photos)
        {
            kept.Append(photo.Caption).Append(photo.CreditRole).Append(photo.Credit).Append(photo.CreditKind);
        }

        kept.Append(result.Byline?.Label).Append(result.Byline?.Raw).AppendJoin("", result.Warnings.Select(w => w.Text));
        var all = Letters(kept.ToString());
        var pieces = source.Split(['\n', '。', '！', '？', '；']).Select(Letters).Where(p => p.Length >= 2).ToList();

        Assert.True(all.Length >= pieces.Sum(p => p.Length) * 9 / 10, $"{all.Length} letters kept of {pieces.Sum(p => p.Length)}");
        var step = Math.Max(1, pieces.Count / 200);
        var lost = pieces.Where((_, i) => i % step == 0).Where(p => !all.Contains(p, StringComparison.Ordinal)).Take(5).ToList();
        Assert.True(lost.Count == 0, "text of the page is in no field of the output: " + string.Join(" | ", lost));
    }

    private static string Letters(string text) => string.Concat(text.Where(c => char.IsAsciiLetterOrDigit(c) || c is >= '\u3400' and <= '\u9fff'));

    /// <summary>Every GeneratedRegex in Core, by its declaring type and method.</summary>
    private static IEnumerable<(string Name, Regex Regex)> CorePatterns() =>
        typeof(NewsDbContext).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<GeneratedRegexAttribute>() is not null && m.GetParameters().Length == 0)
            .Select(m => ($"{m.DeclaringType!.FullName}.{m.Name}", (Regex)m.Invoke(null, null)!));
}
