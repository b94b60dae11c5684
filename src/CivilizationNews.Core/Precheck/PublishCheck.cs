using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editing;
using CivilizationNews.Core.Media;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Precheck;

/// <summary>错误 blocks a workflow move; 提醒 is shown and may be acknowledged by the editor taking the step.</summary>
public enum CheckSeverity
{
    Error = 1,
    Warning = 2,
}

/// <summary>Where a finding is in the text: the match with a little context either side, for highlighting.</summary>
public sealed record CheckSnippet(string Before, string Match, string After);

/// <summary>
/// One finding of the pre-publish check. <see cref="Field"/> names the editor field (Title, Summary, Body …) and
/// <see cref="Start"/>/<see cref="Length"/> the match in it, so the editor page can select it.
/// </summary>
public sealed record CheckFinding(string Code, CheckSeverity Severity, string Message, string? Field = null,
    CheckSnippet? Snippet = null, int? Start = null, int? Length = null)
{
    public string FieldLabel => Field is null ? string.Empty : ArticleText.Fields.FirstOrDefault(f => f.Field == Field).Label ?? Field;

    /// <summary>One line for the transition record and the audit log.</summary>
    public string Line => Snippet is null ? Message : $"{Message}（{FieldLabel}：…{Snippet.Before}【{Snippet.Match}】{Snippet.After}…）";
}

/// <summary>The pre-publish check of one story: its errors and warnings, in the order they are shown.</summary>
public sealed record PrecheckReport(IReadOnlyList<CheckFinding> Findings)
{
    public IReadOnlyList<CheckFinding> Errors => Findings.Where(f => f.Severity == CheckSeverity.Error).ToList();

    public IReadOnlyList<CheckFinding> Warnings => Findings.Where(f => f.Severity == CheckSeverity.Warning).ToList();

    public bool HasErrors => Findings.Any(f => f.Severity == CheckSeverity.Error);

    /// <summary>
    /// A fingerprint of the warnings, posted back with an acknowledgement: when the warnings changed after the
    /// page showed them (someone edited the story), the acknowledgement no longer matches and the move is refused.
    /// </summary>
    public string WarningsKey => Warnings.Count == 0 ? string.Empty
        : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', Warnings.Select(w => w.Line)))))[..16];

    /// <summary>The errors as one Chinese sentence for a refusal message (the first few; the editor page lists all).</summary>
    public string ErrorSummary
    {
        get
        {
            var errors = Errors;
            var shown = string.Join("；", errors.Take(3).Select(e => e.Message));
            return errors.Count > 3 ? $"{shown}；等共 {errors.Count} 项" : shown;
        }
    }
}

/// <summary>What the check reads: the story's text and placement as saved, or as the editor form holds it now.</summary>
public sealed record PrecheckSubject(int? ArticleId, ArticleText Text, int SectionId, IReadOnlyList<int> PhotoIds);

/// <summary>
/// 发布前检查: what must be right (错误) or should be looked at (提醒) before a story is submitted, approved,
/// scheduled or published. Used by <see cref="Workflow.ArticleWorkflow"/> for every move (errors refuse it),
/// by the scheduler and the feature publisher at publication, and by the editor page to show results before a
/// button is pressed. Errors: a photo without alt text, a body image without alt text, no section, a link to an
/// internal story that is not published (or does not exist), a 错误-level sensitive word. Warnings: a photo
/// without a credit, an empty summary, a headline longer than the home page card shows, a link to a story that
/// is only scheduled, a 提醒-level sensitive word.
/// </summary>
public sealed partial class PublishCheck(NewsDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The longest headline the home page's 最新报道 card shows beside its photo on a 375 px phone: the card's
    /// text column is 212 px (343 px page width less the 34 % photo and the .9rem gap, site.css .card) and the
    /// headline is 18 px (.card-title 1.125rem), 11 characters a line; three lines (81 px) match the photo's
    /// 3:2 box (78 px). A longer headline pushes the summary and date below the photo and reads as a wall.
    /// </summary>
    public const int CardHeadlineMaxLength = 33;

    /// <summary>Characters of context either side of a match.</summary>
    public const int ContextLength = 12;

    /// <summary>Matches of one word listed at most, so a word used throughout a long story does not flood the panel.</summary>
    public const int MaxMatchesPerWord = 5;

    /// <summary>Markdown images: ![alt](target).</summary>
    [GeneratedRegex(@"!\[(?<alt>[^\]]*)\]\((?<target>[^)\s]*)[^)]*\)", RegexOptions.None, Importing.ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex BodyImage();

    /// <summary>Links to a story of this site in Markdown: [text](/article/12), [text](https://host/article/12), &lt;https://host/article/12&gt;.</summary>
    [GeneratedRegex(@"(?:\]\(|<)(?:https?://[^/\s)>]+)?/article/(?<id>\d{1,9})(?=[/?#)>\s])", RegexOptions.None, Importing.ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex InternalLink();

    /// <summary>Checks a story as saved. Null when there is no such story.</summary>
    public async Task<PrecheckReport?> CheckArticleAsync(int articleId, CancellationToken cancellationToken = default)
    {
        var article = await db.Articles.Where(a => a.Id == articleId)
            .Select(a => new
            {
                a.Kicker, a.Title, a.Subtitle, a.Summary, a.Dateline, a.Body, a.SectionId,
                Photos = a.Photos.OrderBy(p => p.SortOrder).Select(p => p.MediaId).ToList(),
            })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return article is null ? null : await CheckAsync(new PrecheckSubject(articleId,
            new ArticleText(article.Kicker, article.Title, article.Subtitle, article.Summary, article.Dateline, article.Body),
            article.SectionId, article.Photos), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks a story's text and placement, saved or not.</summary>
    public async Task<PrecheckReport> CheckAsync(PrecheckSubject subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var findings = new List<CheckFinding>();
        var text = subject.Text;
        var body = (text.Body ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal);

        if (!await db.Sections.AnyAsync(s => s.Id == subject.SectionId, cancellationToken).ConfigureAwait(false))
        {
            findings.Add(new("section", CheckSeverity.Error, "未选择栏目：请先为稿件选择栏目。", "SectionId"));
        }

        var photoIds = subject.PhotoIds.Distinct().ToList();
        var photos = await db.Media.Where(m => photoIds.Contains(m.Id))
            .Select(m => new { m.Id, m.AltText, HasCredit = m.CreditContributorId != null || (m.CreditText != null && m.CreditText != "") })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in photoIds)
        {
            var photo = photos.FirstOrDefault(p => p.Id == id);
            if (photo is null)
            {
                findings.Add(new("photo-missing", CheckSeverity.Error, $"图片 #{id} 不在图片库中。", "PhotoIds"));
                continue;
            }
            if (AltTexts.IsMissing(photo.AltText))
            {
                findings.Add(new("photo-alt", CheckSeverity.Error, $"图片 #{id} 缺少替代文字（供读屏软件朗读的图片说明），请在稿件的“图片”中填写。", "PhotoIds"));
            }
            if (!photo.HasCredit)
            {
                findings.Add(new("photo-credit", CheckSeverity.Warning, $"图片 #{id} 没有署名（摄影者或供图单位）。", "PhotoIds"));
            }
        }
        foreach (Match image in BodyImage().Matches(body))
        {
            if (string.IsNullOrWhiteSpace(image.Groups["alt"].Value))
            {
                findings.Add(new("body-image-alt", CheckSeverity.Error, "正文中的图片缺少替代文字：请在 ![ ] 的方括号中写明图片内容。", "Body",
                    Snip(body, image.Index, image.Length), image.Index, image.Length));
            }
        }

        if (string.IsNullOrWhiteSpace(text.Summary))
        {
            findings.Add(new("summary", CheckSeverity.Warning, "摘要为空：首页卡片、列表和分享卡片将没有摘要。", "Summary"));
        }
        var title = (text.Title ?? string.Empty).Trim();
        if (title.Length > CardHeadlineMaxLength)
        {
            findings.Add(new("headline-length", CheckSeverity.Warning,
                $"标题共 {title.Length} 字，首页卡片在手机上只能完整显示 {CardHeadlineMaxLength} 字左右，请考虑精简。", "Title",
                Snip(title, CardHeadlineMaxLength, title.Length - CardHeadlineMaxLength), CardHeadlineMaxLength, title.Length - CardHeadlineMaxLength));
        }

        await CheckLinksAsync(subject.ArticleId, body, findings, cancellationToken).ConfigureAwait(false);
        await CheckWordsAsync(text with { Body = body }, findings, cancellationToken).ConfigureAwait(false);
        return new PrecheckReport(findings.OrderBy(f => f.Severity).ToList());
    }

    private async Task CheckLinksAsync(int? self, string body, List<CheckFinding> findings, CancellationToken cancellationToken)
    {
        var links = InternalLink().Matches(body)
            .Select(m => (Match: m, Id: int.Parse(m.Groups["id"].Value, NumberStyles.None, CultureInfo.InvariantCulture)))
            .Where(l => l.Id != self).ToList();
        if (links.Count == 0)
        {
            return;
        }
        var ids = links.Select(l => l.Id).Distinct().ToList();
        var targets = await db.Articles.Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Status, a.PublishedAt, a.ScheduledAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (match, id) in links)
        {
            var group = match.Groups["id"];
            var snippet = Snip(body, group.Index, group.Length);
            var target = targets.FirstOrDefault(t => t.Id == id);
            if (target is null)
            {
                findings.Add(new("link-missing", CheckSeverity.Error, $"正文链接的本站稿件 #{id} 不存在，读者点开会看到“页面不存在”。", "Body", snippet, group.Index, group.Length));
            }
            else if (target.Status == ArticleStatus.Scheduled)
            {
                findings.Add(new("link-scheduled", CheckSeverity.Warning,
                    $"正文链接的稿件《{target.Title}》尚未发布，已排期于 {Time.ChinaTime.FormatDateTime(target.ScheduledAt!.Value)} 发布；在此之前读者点开会看到“页面不存在”。",
                    "Body", snippet, group.Index, group.Length));
            }
            else if (target.Status != ArticleStatus.Published || target.PublishedAt > now)
            {
                findings.Add(new("link-unpublished", CheckSeverity.Error,
                    $"正文链接的稿件《{target.Title}》尚未发布（{target.Status.Label()}），读者点开会看到“页面不存在”。", "Body", snippet, group.Index, group.Length));
            }
        }
    }

    private async Task CheckWordsAsync(ArticleText text, List<CheckFinding> findings, CancellationToken cancellationToken)
    {
        var words = await db.SensitiveWords.OrderBy(w => w.Level).ThenBy(w => w.Word)
            .Select(w => new { w.Word, w.Level, w.Note }).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var word in words)
        {
            var severity = word.Level == SensitiveWordLevel.Error ? CheckSeverity.Error : CheckSeverity.Warning;
            var label = word.Level == SensitiveWordLevel.Error ? "错误" : "提醒";
            var message = $"敏感词“{word.Word}”（{label}）" + (string.IsNullOrWhiteSpace(word.Note) ? "" : $"：{word.Note}");
            var found = 0;
            foreach (var (field, _) in ArticleText.Fields)
            {
                var value = text.Get(field);
                if (string.IsNullOrEmpty(value))
                {
                    continue;
                }
                foreach (var (start, length) in Find(value, word.Word))
                {
                    if (found++ == MaxMatchesPerWord)
                    {
                        break;
                    }
                    findings.Add(new("sensitive-word", severity, message, field, Snip(value, start, length), start, length));
                }
            }
        }
    }

    /// <summary>
    /// Where <paramref name="word"/> occurs in <paramref name="text"/>. Chinese (any word with a character beyond
    /// ASCII) is matched exactly — Chinese has no spaces between words, so a substring is the right test. A word of
    /// Latin letters and digits only is matched as a whole word, ignoring case: “AI” is not found in “PAID”.
    /// </summary>
    public static IEnumerable<(int Start, int Length)> Find(string text, string word)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrEmpty(word))
        {
            yield break;
        }
        var latin = word.All(c => c < 128);
        var from = 0;
        while (from <= text.Length - word.Length)
        {
            var at = text.IndexOf(word, from, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                yield break;
            }
            var end = at + word.Length;
            if (!latin || ((at == 0 || !IsWordChar(text[at - 1])) && (end == text.Length || !IsWordChar(text[end]))))
            {
                yield return (at, word.Length);
                from = end;
            }
            else
            {
                from = at + 1;
            }
        }
    }

    private static bool IsWordChar(char c) => c < 128 && char.IsAsciiLetterOrDigit(c);

    /// <summary>The match with up to <see cref="ContextLength"/> characters either side, on one line.</summary>
    public static CheckSnippet Snip(string text, int start, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        static string Flat(string s) => s.Replace('\n', ' ').Replace('\r', ' ');
        var before = Math.Max(0, start - ContextLength);
        var after = Math.Min(text.Length, start + length + ContextLength);
        return new(Flat(text[before..start]), Flat(text.Substring(start, length)), Flat(text[(start + length)..after]));
    }
}
