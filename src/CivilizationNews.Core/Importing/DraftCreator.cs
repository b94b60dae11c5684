using System.Text;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Features;
using CivilizationNews.Core.Newsroom;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Importing;

public sealed record DraftImportResult(IReadOnlyList<int> ArticleIds, int? FeatureId, int EditionPageId, IReadOnlyList<string> Notes);

/// <summary>
/// Turns an imported page into draft stories placed on an edition page, and a draft feature when the
/// page has a lead with sidebars — all in one transaction, so a failure leaves nothing half-created.
/// </summary>
public sealed class DraftCreator(NewsDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<DraftImportResult> CreateAsync(ImportResult page, DateOnly date, int pageNumber, string? pageName, int sectionId,
        NewsroomUser user, CancellationToken cancellationToken = default)
    {
        if (page.Articles.Count == 0)
        {
            throw new ImportInputException(ImportInputReason.Empty);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var edition = await db.Editions.AsTracking().Include(e => e.Pages).FirstOrDefaultAsync(e => e.Date == date, cancellationToken).ConfigureAwait(false);
        if (edition is null)
        {
            var last = await db.Editions.MaxAsync(e => (int?)e.Number, cancellationToken).ConfigureAwait(false) ?? 0;
            edition = new Edition { Date = date, Number = last + 1 };
            db.Editions.Add(edition);
        }
        var editionPage = edition.Pages.FirstOrDefault(p => p.Number == pageNumber);
        if (editionPage is null)
        {
            editionPage = new EditionPage { Number = pageNumber, Name = string.IsNullOrWhiteSpace(pageName) ? $"第{pageNumber}版" : pageName.Trim() };
            edition.Pages.Add(editionPage);
        }
        var units = await db.Units.Select(u => new { u.Id, u.Name, u.ShortName }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var startOrder = await db.Articles.Where(a => a.EditionPage == editionPage).MaxAsync(a => (int?)a.PageOrder, cancellationToken).ConfigureAwait(false) ?? 0;

        var articles = new List<Article>();
        var notes = new List<string>();
        foreach (var (imported, index) in page.Articles.Select((a, i) => (a, i)))
        {
            var article = new Article
            {
                Kicker = imported.Kicker, Title = imported.Title, Subtitle = imported.Subtitle,
                Dateline = imported.Dateline is null ? null : imported.Credit is null ? imported.Dateline : $"{imported.Dateline}（{imported.Credit}）",
                Body = ToMarkdown(imported), Status = ArticleStatus.Draft, SectionId = sectionId, AuthorId = user.Id,
                CreatedAt = now, EditionPage = editionPage, PageOrder = startOrder + index + 1,
            };
            var unit = units.FirstOrDefault(u => u.ShortName == imported.Kicker || u.Name == imported.Kicker);
            if (unit is not null)
            {
                article.Units.Add(new ArticleUnit { UnitId = unit.Id, IsPrimary = true });
            }
            else if (imported.Kicker is not null)
            {
                notes.Add($"引题“{imported.Kicker}”未匹配到单位，请在稿件中选择或新建单位。");
            }
            if (imported.ContinuesOn is not null)
            {
                notes.Add($"《{imported.Title}》转{imported.ContinuesOn}，请核对续文。");
            }
            articles.Add(article);
            db.Articles.Add(article);
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var article in articles)
        {
            db.ArticleRevisions.Add(new ArticleRevision
            {
                ArticleId = article.Id, CreatedAt = now, UserId = user.Id, UserName = user.Name, Note = "版面导入",
                Kicker = article.Kicker, Title = article.Title, Subtitle = article.Subtitle, Dateline = article.Dateline, Body = article.Body,
            });
            audit.Record(user.Actor, "article.import", "Article", article.Id, $"{date:yyyy-MM-dd} 第{pageNumber}版");
        }

        int? featureId = null;
        // A page with a lead (subtitle or several sections) followed by shorter stories is a feature page.
        var lead = page.Articles[0];
        if (page.Articles.Count > 1 && (lead.Subtitle is not null || lead.Sections.Count > 1))
        {
            var feature = new Feature
            {
                Slug = $"{date:yyyyMMdd}-{pageNumber}-{Guid.NewGuid().ToString("N")[..6]}", Title = lead.Title, LeadArticleId = articles[0].Id,
                EditionPage = editionPage, IsPublished = false,
                BylineLabel = page.Byline?.Label ?? "本版撰文",
            };
            var order = 0;
            foreach (var sidebar in articles.Skip(1))
            {
                feature.Sidebars.Add(new FeatureSidebar { ArticleId = sidebar.Id, SortOrder = order++ });
            }
            order = 0;
            foreach (var role in page.Byline?.Roles ?? [])
            {
                foreach (var name in role.Names)
                {
                    feature.Byline.Add(new FeatureByline { Role = CreditRoles.TryParse(role.Role, out var r) ? r : CreditRole.Reporter, Name = name, SortOrder = order++ });
                }
            }
            db.Features.Add(feature);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            featureId = feature.Id;
            audit.Record(user.Actor, "feature.import", "Feature", feature.Id, feature.Title);
        }
        foreach (var photo in page.Photos)
        {
            notes.Add($"图片说明待配图：{photo.Caption}（{photo.Credit}{(photo.CreditKind == "供图" ? "供图" : " 摄")}）");
        }
        foreach (var warning in page.Warnings.Where(w => w.Kind == ImportWarningKind.Unattached))
        {
            notes.Add($"未归属的文字，请人工处理：{warning.Text}");
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new DraftImportResult(articles.Select(a => a.Id).ToList(), featureId, editionPage.Id, notes);
    }

    /// <summary>Sections become `## heading` subheads; paragraphs are kept exactly as printed.</summary>
    public static string ToMarkdown(ImportedArticle article)
    {
        var sb = new StringBuilder();
        foreach (var section in article.Sections)
        {
            if (section.Heading is not null)
            {
                sb.Append("## ").Append(section.Heading).Append("\n\n");
            }
            foreach (var paragraph in section.Paragraphs)
            {
                sb.Append(paragraph).Append("\n\n");
            }
        }
        return sb.ToString().TrimEnd();
    }
}
