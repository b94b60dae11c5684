namespace CivilizationNews.Core.Importing;

/// <summary>Roles and names as they appear in captions and the page byline block.</summary>
internal static class Credits
{
    // Longest first, so that 本报记者 is not read as 本报 + 记者.
    private static readonly string[] RoleWords =
    [
        "本报特约通讯员", "本报见习记者", "本报特约记者", "本报摄影记者", "本报实习记者",
        "本报通讯员", "本报实习生", "本报记者", "特约通讯员", "特约记者", "见习记者", "摄影记者",
        "实习记者", "实习生", "通讯员", "记者", "摄影",
    ];

    // Other papers' and agencies' staff: 新华社记者, 人民日报通讯员.
    private static readonly string[] RoleEndings = ["记者", "通讯员", "实习生"];

    private const int MaxRoleLength = 10;

    public static bool IsRole(string word) =>
        Array.IndexOf(RoleWords, word) >= 0
        || (word.Length <= MaxRoleLength && word.All(IsHan) && RoleEndings.Any(e => word.Length > e.Length && word.EndsWith(e, StringComparison.Ordinal)));

    /// <summary>本报记者赵静怡 printed without a space → (本报记者, 赵静怡).</summary>
    public static (string Role, string Name)? SplitGluedRole(string word)
    {
        foreach (var ending in RoleEndings)
        {
            var at = word.IndexOf(ending, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var role = word[..(at + ending.Length)];
            var name = word[role.Length..];
            if (name.Length > 0 && IsRole(role) && IsPersonName(name))
            {
                return (role, name);
            }
        }

        return null;
    }

    /// <summary>Chinese names are two to four characters; transliterated ones join parts with a middle dot.</summary>
    public static bool IsPersonName(string word)
    {
        if (word.Contains('·', StringComparison.Ordinal) || word.Contains('•', StringComparison.Ordinal))
        {
            return word.Length <= 16 && word.All(c => IsHan(c) || c is '·' or '•');
        }

        return word.Length is >= 2 and <= 4 && word.All(IsHan);
    }

    /// <summary>A photographer's or supplier's name: a person, or an organisation for 供图.</summary>
    public static bool IsCreditName(string word) =>
        word.Length is >= 2 and <= 24 && word.All(c => char.IsLetterOrDigit(c) || c is '·' or '•' or '（' or '）' or '(' or ')');

    public static bool IsHan(char c) => c is (>= '\u3400' and <= '\u9FFF') or (>= '\uF900' and <= '\uFAFF') || char.IsSurrogate(c);
}
