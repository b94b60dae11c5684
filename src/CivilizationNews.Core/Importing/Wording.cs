namespace CivilizationNews.Core.Importing;

/// <summary>
/// How much wording two texts share, measured on pairs of adjacent Chinese characters (or digits):
/// stories about the same thing repeat their names and terms (市直工委, 职工书屋), unrelated ones do not.
/// </summary>
internal static class Wording
{
    public static HashSet<string> Pairs(IEnumerable<string> texts)
    {
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            for (var i = 0; i + 1 < text.Length; i++)
            {
                if (IsWordChar(text[i]) && IsWordChar(text[i + 1]))
                {
                    pairs.Add(text.Substring(i, 2));
                }
            }
        }

        return pairs;
    }

    /// <summary>The share of <paramref name="run"/>'s pairs that <paramref name="other"/> also uses.</summary>
    public static double Share(HashSet<string> run, HashSet<string> other) =>
        run.Count == 0 ? 0 : (double)run.Count(other.Contains) / run.Count;

    private static bool IsWordChar(char c) => Credits.IsHan(c) || char.IsAsciiDigit(c);
}
