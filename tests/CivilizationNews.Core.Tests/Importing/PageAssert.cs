using System.Text.RegularExpressions;
using CivilizationNews.Core.Importing;

namespace CivilizationNews.Core.Tests.Importing;

internal static partial class PageAssert
{
    public static IEnumerable<string> Paragraphs(ImportResult result) =>
        result.Articles.SelectMany(a => a.Sections).SelectMany(s => s.Paragraphs);

    public static IEnumerable<string> Paragraphs(ImportedArticle article) =>
        article.Sections.SelectMany(s => s.Paragraphs);

    public static ImportedArticle Article(ImportResult result, string title) =>
        Assert.Single(result.Articles, a => a.Title == title);

    public static IEnumerable<string> Warnings(ImportResult result, ImportWarningKind kind) =>
        result.Warnings.Where(w => w.Kind == kind).Select(w => w.Text);

    /// <summary>
    /// Every sentence piece of the page can be found in some field of the result, as the team's
    /// scorer checks it: only letters, digits and Chinese characters count, jump markers are exempt.
    /// </summary>
    public static void NoTextLost(string source, ImportResult result)
    {
        var kept = new List<string?>();
        foreach (var article in result.Articles)
        {
            kept.AddRange([article.Kicker, article.Title, article.Subtitle, article.Dateline, article.Credit]);
            foreach (var section in article.Sections)
            {
                kept.Add(section.Heading);
                kept.AddRange(section.Paragraphs);
            }
        }

        foreach (var photo in result.Photos)
        {
            kept.AddRange([photo.Caption, photo.CreditRole, photo.Credit, photo.CreditKind]);
        }

        if (result.Byline is { } byline)
        {
            kept.AddRange([byline.Label, byline.Raw]);
            foreach (var role in byline.Roles)
            {
                kept.Add(role.Role);
                kept.AddRange(role.Names);
            }
        }

        kept.AddRange(result.Warnings.Select(w => w.Text));
        var all = Core(string.Concat(kept.Where(k => k is not null)));

        var lost = new List<string>();
        foreach (var line in source.ReplaceLineEndings("\n").Split('\n'))
        {
            if (JumpMarker().IsMatch(line))
            {
                continue;
            }

            foreach (var piece in SentenceEnd().Split(line))
            {
                var core = Core(piece);
                if (core.Length >= 2 && !all.Contains(core, StringComparison.Ordinal))
                {
                    lost.Add(piece.Trim());
                }
            }
        }

        Assert.True(lost.Count == 0, "text of the page is in no field of the output: " + string.Join(" | ", lost));
    }

    private static string Core(string text) => NotCore().Replace(text, "");

    [GeneratedRegex(@"[^0-9A-Za-z\u3400-\u9fff]")]
    private static partial Regex NotCore();

    [GeneratedRegex("[。！？!?；;]")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^\s*[（(]?[上下]?转第.+版[）)]?\s*$")]
    private static partial Regex JumpMarker();
}
