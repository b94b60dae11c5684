using System.Text.RegularExpressions;
using CivilizationNews.Core.Articles;

namespace CivilizationNews.Core.Editing;

/// <summary>
/// Reads key figures written one per line as a newsroom would: "交通志愿服务：3.06万余人次",
/// "捐款：约218.9万元", "参评单位：超过200家". The number is kept exactly as written.
/// </summary>
public static partial class KeyFigureParser
{
    public static IReadOnlyList<KeyFigure> Parse(string? text, out IReadOnlyList<string> errors)
    {
        var figures = new List<KeyFigure>();
        var problems = new List<string>();
        var order = 0;
        foreach (var raw in (text ?? string.Empty).Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }
            var match = Read(line);
            if (match is not { Success: true })
            {
                problems.Add($"无法识别的数据行：“{line}”，请写成“名称：数值单位”，如“志愿服务：3.06万余人次”。");
                continue;
            }
            var qualifier = match.Groups["pre"].Value switch
            {
                "约" => FigureQualifier.About,
                "超过" => FigureQualifier.MoreThan,
                _ => match.Groups["over"].Success && match.Groups["over"].Value == "余" ? FigureQualifier.Over : FigureQualifier.Exact,
            };
            figures.Add(new KeyFigure
            {
                Label = match.Groups["label"].Value.Trim(),
                Value = match.Groups["value"].Value,
                Qualifier = qualifier,
                Measure = match.Groups["measure"].Value.Trim() is { Length: > 0 } m ? m : null,
                SourceText = line,
                SortOrder = order++,
            });
        }
        errors = problems;
        return figures;
    }

    /// <summary>Writes figures back in the same line format.</summary>
    public static string Format(IEnumerable<KeyFigure> figures) =>
        string.Join('\n', figures.OrderBy(f => f.SortOrder).Select(f => $"{f.Label}：{f.Display}"));

    /// <summary>The line's match, or null when the pattern ran out of time (then it is an unreadable line like any other).</summary>
    private static Match? Read(string line)
    {
        try
        {
            return Line().Match(line);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    // An editor's text: bounded by a timeout like every pattern over user input (issue 13).
    [GeneratedRegex(@"^(?<label>[^：:]{1,100})[：:]\s*(?<pre>约|超过)?(?<value>[0-9][0-9.,]*(?:万|亿)?)(?<over>余)?(?<measure>\S{0,20})$", RegexOptions.None, 1000)]
    private static partial Regex Line();
}
