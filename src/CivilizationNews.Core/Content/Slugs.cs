using System.Text.RegularExpressions;

namespace CivilizationNews.Core.Content;

/// <summary>
/// URL slugs of sections, units, contributors and features: lower-case ASCII letters and digits in
/// hyphen-separated words (yaowen, szgw, annual-roundup-2021), so public addresses stay short and stable.
/// </summary>
public static partial class Slugs
{
    public const int MaxLength = 64;

    public const string Rule = "网址名只能用小写英文字母、数字和连字符（如 yaowen、city-hospital），不超过 64 个字符。";

    public static bool IsValid(string? slug) => slug is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(slug);

    /// <summary>Trims and lower-cases what an editor typed; validity is still checked with <see cref="IsValid"/>.</summary>
    public static string Normalize(string? slug) => (slug ?? string.Empty).Trim().ToLowerInvariant();

    // At most 64 characters reach it (IsValid checks the length first), and no two loops can share a
    // character; the timeout is there because every pattern over user input has one (issue 13).
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
