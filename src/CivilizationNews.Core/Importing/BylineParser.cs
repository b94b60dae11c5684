using System.Text.RegularExpressions;

namespace CivilizationNews.Core.Importing;

/// <summary>
/// The page byline block: 本版撰文, then roles (本报记者, 通讯员) and names. Columns can scramble it:
/// a role may stand on one line and its name on the next, or a name may come before its role.
/// </summary>
internal static partial class BylineParser
{
    private static readonly char[] NameSeparators = [' ', '\u3000', '\t', '、', '，', ',', '；', ';', '：', ':', '/'];

    /// <summary>本版撰文, optionally followed on the same line by roles and names.</summary>
    public static bool TryReadLabel(string line, out string label, out string rest)
    {
        var match = Label().Match(line.Trim());
        label = match.Groups["label"].Value;
        rest = match.Groups["rest"].Value;
        return match.Success && (rest.Length == 0 || IsMemberLine(rest));
    }

    /// <summary>A line made only of roles and names, such as 本报记者 赵静怡 or 孙海涛 通讯员.</summary>
    public static bool IsMemberLine(string line)
    {
        var words = Words(line);
        return words.Length > 0 && words.All(w => Credits.IsRole(w) || Credits.IsPersonName(w) || Credits.SplitGluedRole(w) is not null);
    }

    public static bool HasRole(string line) =>
        Words(line).Any(w => Credits.IsRole(w) || Credits.SplitGluedRole(w) is not null);

    public static IReadOnlyList<BylineRole> ReadRoles(IEnumerable<string> memberLines)
    {
        var roles = new List<(string Role, List<string> Names)>();
        var byRole = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var waiting = new List<string>();
        var loose = new List<string>();
        string? lastRole = null;

        List<string> NamesOf(string role)
        {
            if (!byRole.TryGetValue(role, out var names))
            {
                byRole[role] = names = [];
                roles.Add((role, names));
            }

            return names;
        }

        foreach (var line in memberLines)
        {
            var tokens = Tokens(line);
            var lineRoles = tokens.Where(t => t.IsRole).Select(t => t.Text).ToList();
            var names = tokens.Where(t => !t.IsRole).Select(t => t.Text).ToList();

            if (lineRoles.Count == 0)
            {
                // A line of names only: they belong to roles printed above without names, pairwise
                // when the counts agree (本报记者 通讯员 / 赵静怡 孙海涛), else to the role before.
                if (waiting.Count > 0)
                {
                    for (var i = 0; i < names.Count; i++)
                    {
                        NamesOf(waiting[Math.Min(i, waiting.Count - 1)]).Add(names[i]);
                    }

                    waiting.RemoveRange(0, Math.Min(names.Count, waiting.Count));
                }
                else if (lastRole is not null)
                {
                    NamesOf(lastRole).AddRange(names);
                }
                else
                {
                    loose.AddRange(names);
                }

                continue;
            }

            // On a line with roles, a name goes with the role before it.
            string? current = null;
            var leading = new List<string>();
            var named = new HashSet<string>(StringComparer.Ordinal);
            foreach (var token in tokens)
            {
                if (token.IsRole)
                {
                    current = token.Text;
                    NamesOf(current);
                }
                else if (current is null)
                {
                    leading.Add(token.Text);
                }
                else
                {
                    NamesOf(current).Add(token.Text);
                    named.Add(current);
                }
            }

            // Names before the first role on a line answer roles left waiting above (本报记者 /
            // 李晓红 通讯员 王建国); failing those, they go with that first role (孙海涛 通讯员).
            var answered = Math.Min(leading.Count, waiting.Count);
            for (var i = 0; i < answered; i++)
            {
                NamesOf(waiting[i]).Add(leading[i]);
            }

            waiting.RemoveRange(0, answered);
            if (leading.Count > answered)
            {
                NamesOf(lineRoles[0]).InsertRange(0, leading[answered..]);
                named.Add(lineRoles[0]);
            }

            waiting.AddRange(lineRoles.Where(r => !named.Contains(r)));
            lastRole = lineRoles[^1];
        }

        if (loose.Count > 0 && roles.Count > 0)
        {
            roles[0].Names.InsertRange(0, loose);
        }

        return roles.Select(r => new BylineRole(r.Role, r.Names.Distinct(StringComparer.Ordinal).ToList())).ToList();
    }

    private static List<(bool IsRole, string Text)> Tokens(string line)
    {
        var tokens = new List<(bool, string)>();
        foreach (var word in Words(line))
        {
            if (Credits.IsRole(word))
            {
                tokens.Add((true, word));
            }
            else if (Credits.SplitGluedRole(word) is { } glued)
            {
                tokens.Add((true, glued.Role));
                tokens.Add((false, glued.Name));
            }
            else
            {
                tokens.Add((false, word));
            }
        }

        return tokens;
    }

    private static string[] Words(string line) =>
        line.Split(NameSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    // The spaces around the colon are each taken whole (atomic), so the two runs cannot be split
    // between two loops in every possible way (issue 13).
    [GeneratedRegex(@"^(?<label>本版(?:撰文|撰稿|文字|图文|文图|采写|撰写|摄影|图片))(?>\s*)(?:[:：](?>\s*))?(?<rest>.*)$", RegexOptions.None, ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex Label();
}
