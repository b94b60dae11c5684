using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editing;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Features;
using Microsoft.EntityFrameworkCore;
using NewsUnit = CivilizationNews.Core.Units.Unit;
using NewsUnitKind = CivilizationNews.Core.Units.UnitKind;

namespace CivilizationNews.Core.Importing;

/// <summary>
/// What became of an import. <see cref="AlreadyCreated"/> is true when the batch key had been used
/// before: nothing new was created, and the ids are those of the first run.
/// </summary>
public sealed record DraftImportResult(IReadOnlyList<int> ArticleIds, int? FeatureId, int EditionPageId, IReadOnlyList<string> Notes)
{
    public bool AlreadyCreated { get; init; }

    public IReadOnlyList<int> CreatedUnitIds { get; init; } = [];

    /// <summary>The existing stories among <see cref="ArticleIds"/>, used instead of new drafts.</summary>
    public IReadOnlyList<int> LinkedArticleIds { get; init; } = [];
}

/// <summary>Where the drafts go, and (from the review screen) the editor's decisions.</summary>
public sealed record DraftImportRequest(DateOnly Date, int PageNumber, string? PageName, int SectionId)
{
    /// <summary>
    /// One choice per article, index for index. Null keeps the command line's behaviour: a kicker that
    /// equals a unit's name or short name links that unit, anything else links none.
    /// </summary>
    public IReadOnlyList<UnitChoice>? Units { get; init; }

    /// <summary>
    /// A one-time key from the review screen. A second request with the same key (a double click, a
    /// resubmitted form) creates nothing and returns the first run's drafts.
    /// </summary>
    public string? BatchKey { get; init; }

    /// <summary>
    /// An uploaded page (上传版面) the drafts were read from: it becomes the edition page's facsimile, and each
    /// story's regions on it become links to the new drafts (shown to readers once they are published).
    /// </summary>
    public Guid? Facsimile { get; init; }

    /// <summary>
    /// Index for index with the articles: null creates a draft, an id uses that existing story instead (it is
    /// placed on the page if it has no place yet, and gets the article's regions); its text is left as it is.
    /// </summary>
    public IReadOnlyList<int?>? LinkTo { get; init; }
}

/// <summary>The unit an imported story is linked to: none, an existing one, or a new one named after the kicker.</summary>
public sealed record UnitChoice
{
    public static UnitChoice None { get; } = new();

    public static UnitChoice NewFromKicker { get; } = new() { CreateNew = true };

    public int? UnitId { get; private init; }

    public bool CreateNew { get; private init; }

    public static UnitChoice Existing(int unitId) => new() { UnitId = unitId };
}

/// <summary>
/// Turns an imported page into draft stories placed on an edition page, and a draft feature when the
/// page has a lead with sidebars — all in one transaction, so a failure leaves nothing half-created.
/// </summary>
public sealed class DraftCreator(NewsDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>The audit action that marks a batch; its entity id is the batch key.</summary>
    public const string BatchAction = "page.import";

    public Task<DraftImportResult> CreateAsync(ImportResult page, DateOnly date, int pageNumber, string? pageName, int sectionId,
        NewsroomUser user, CancellationToken cancellationToken = default) =>
        CreateAsync(page, new DraftImportRequest(date, pageNumber, pageName, sectionId), user, cancellationToken);

    /// <exception cref="ImportInputException">The page has no story.</exception>
    /// <exception cref="ImportProposalException">A unit choice does not fit (a unit that no longer exists, a new unit without a kicker).</exception>
    public async Task<DraftImportResult> CreateAsync(ImportResult page, DraftImportRequest request, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(user);
        if (page.Articles.Count == 0)
        {
            throw new ImportInputException(ImportInputReason.Empty);
        }
        if (request.Units is { } choices && choices.Count != page.Articles.Count)
        {
            throw new ImportProposalException("单位选择与稿件数量不一致，请刷新后重试。");
        }
        var (date, pageNumber, pageName, sectionId) = request;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        if (request.BatchKey is { } key)
        {
            // The marker is written first and the earliest marker wins: a concurrent second run waits on
            // the first one's write lock, sees its marker once it commits, and backs out.
            var marker = new AuditEntry
            {
                At = now, UserId = user.Id, UserName = user.Name, Action = BatchAction, EntityType = "ImportBatch", EntityId = key,
                Details = $"{date:yyyy-MM-dd} 第{pageNumber}版", IpAddress = user.IpAddress,
            };
            db.AuditEntries.Add(marker);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            var first = await db.AuditEntries.Where(a => a.Action == BatchAction && a.EntityId == key).MinAsync(a => a.Id, cancellationToken).ConfigureAwait(false);
            if (first != marker.Id)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                return await FindBatchAsync(key, cancellationToken).ConfigureAwait(false)
                    ?? throw new ImportProposalException("这一版正在由另一个请求创建，请稍后在稿件列表中查看。");
            }
        }
        var batchNote = request.BatchKey is null ? string.Empty : " · 批次 " + request.BatchKey;

        var editionPage = await EditionPages.FindOrAddAsync(db, date, pageNumber, pageName, cancellationToken).ConfigureAwait(false);
        var units = await db.Units.Select(u => new { u.Id, u.Name, u.ShortName }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var startOrder = await db.Articles.Where(a => a.EditionPage == editionPage).MaxAsync(a => (int?)a.PageOrder, cancellationToken).ConfigureAwait(false) ?? 0;

        var articles = new List<Article>();
        var notes = new List<string>();
        var unitsByKicker = new Dictionary<string, NewsUnit>(StringComparer.Ordinal);
        var newUnits = new List<NewsUnit>();
        var linked = new HashSet<Article>();
        foreach (var (imported, index) in page.Articles.Select((a, i) => (a, i)))
        {
            if (request.LinkTo is { } links && index < links.Count && links[index] is { } existingId)
            {
                var existing = await db.Articles.AsTracking().FirstOrDefaultAsync(a => a.Id == existingId, cancellationToken).ConfigureAwait(false)
                    ?? throw new ImportProposalException($"《{imported.Title}》要关联的已有稿件已不存在，请重新选择。");
                if (existing.EditionPageId is null)
                {
                    existing.EditionPage = editionPage;
                    existing.PageOrder = startOrder + index + 1;
                }
                notes.Add($"《{imported.Title}》关联了已有稿件《{existing.Title}》，没有新建草稿。");
                linked.Add(existing);
                articles.Add(existing);
                continue;
            }
            var article = new Article
            {
                Kicker = imported.Kicker, Title = imported.Title, Subtitle = imported.Subtitle,
                Dateline = imported.Dateline is null ? null : imported.Credit is null ? imported.Dateline : $"{imported.Dateline}（{imported.Credit}）",
                Body = ToMarkdown(imported), Status = ArticleStatus.Draft, SectionId = sectionId, AuthorId = user.Id,
                CreatedAt = now, EditionPage = editionPage, PageOrder = startOrder + index + 1,
            };
            var choice = request.Units?[index];
            if (choice is null)
            {
                var unit = units.FirstOrDefault(u => u.ShortName == imported.Kicker || u.Name == imported.Kicker);
                if (unit is not null)
                {
                    article.Units.Add(new ArticleUnit { UnitId = unit.Id, IsPrimary = true });
                }
                else if (imported.Kicker is not null)
                {
                    notes.Add($"引题“{imported.Kicker}”未匹配到单位，请在稿件中选择或新建单位。");
                }
            }
            else if (choice.UnitId is { } unitId)
            {
                if (!units.Any(u => u.Id == unitId))
                {
                    throw new ImportProposalException($"《{imported.Title}》所选的单位已不存在，请重新选择。");
                }
                article.Units.Add(new ArticleUnit { UnitId = unitId, IsPrimary = true });
            }
            else if (choice.CreateNew)
            {
                article.Units.Add(new ArticleUnit { Unit = await UnitForKickerAsync(imported, unitsByKicker, newUnits, now, cancellationToken).ConfigureAwait(false), IsPrimary = true });
            }
            if (imported.ContinuesOn is not null)
            {
                notes.Add($"《{imported.Title}》转{imported.ContinuesOn}，请核对续文。");
            }
            articles.Add(article);
            db.Articles.Add(article);
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var unit in newUnits)
        {
            audit.Record(user.Actor, "unit.create", "Unit", unit.Id, unit.Name + "（版面导入）");
        }
        foreach (var article in linked)
        {
            audit.Record(user.Actor, "article.import-linked", "Article", article.Id, $"{date:yyyy-MM-dd} 第{pageNumber}版{batchNote}");
        }
        foreach (var article in articles.Where(a => !linked.Contains(a)))
        {
            db.ArticleRevisions.Add(new ArticleRevision
            {
                ArticleId = article.Id, CreatedAt = now, UserId = user.Id, UserName = user.Name, Note = "版面导入",
                Kicker = article.Kicker, Title = article.Title, Subtitle = article.Subtitle, Dateline = article.Dateline, Body = article.Body,
            });
            audit.Record(user.Actor, "article.import", "Article", article.Id, $"{date:yyyy-MM-dd} 第{pageNumber}版{batchNote}");
        }

        int? featureId = null;
        var lead = page.Articles[0];
        if (MakesFeature(page))
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
            audit.Record(user.Actor, "feature.import", "Feature", feature.Id, feature.Title + batchNote);
        }
        if (request.Facsimile is { } facsimileKey)
        {
            await FacsimileAttacher.AttachAsync(db, facsimileKey, editionPage, page, articles, cancellationToken).ConfigureAwait(false);
            audit.Record(user.Actor, "page.facsimile", "EditionPage", editionPage.Id, $"{date:yyyy-MM-dd} 第{pageNumber}版{batchNote}");
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
        return new DraftImportResult(articles.Select(a => a.Id).ToList(), featureId, editionPage.Id, notes)
        {
            CreatedUnitIds = newUnits.Select(u => u.Id).ToList(),
            LinkedArticleIds = linked.Select(a => a.Id).ToList(),
        };
    }

    /// <summary>A page with a lead (subtitle or several sections) followed by shorter stories is a feature page.</summary>
    public static bool MakesFeature(ImportResult page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Articles.Count > 1 && (page.Articles[0].Subtitle is not null || page.Articles[0].Sections.Count > 1);
    }

    /// <summary>
    /// The drafts a batch created, from its audit entries; null when the key was never used. The
    /// entries hold only ids, so what the page shows is read fresh from the stories themselves.
    /// </summary>
    public async Task<DraftImportResult?> FindBatchAsync(string batchKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(batchKey);
        if (!await db.AuditEntries.AnyAsync(a => a.Action == BatchAction && a.EntityId == batchKey, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var suffix = " · 批次 " + batchKey;
        var entries = await db.AuditEntries
            .Where(a => (a.Action == "article.import" || a.Action == "feature.import") && a.Details != null && a.Details.EndsWith(suffix))
            .OrderBy(a => a.Id).Select(a => new { a.Action, a.EntityId }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var articleIds = entries.Where(e => e.Action == "article.import").Select(e => int.Parse(e.EntityId!, CultureInfo.InvariantCulture)).ToList();
        var featureId = entries.Where(e => e.Action == "feature.import").Select(e => (int?)int.Parse(e.EntityId!, CultureInfo.InvariantCulture)).FirstOrDefault();
        var editionPageId = await db.Articles.Where(a => articleIds.Contains(a.Id)).Select(a => a.EditionPageId).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new DraftImportResult(articleIds, featureId, editionPageId ?? 0, []) { AlreadyCreated = true };
    }

    /// <summary>A unit named after the kicker; one per distinct kicker in the batch, and an existing unit of that name is reused.</summary>
    private async Task<NewsUnit> UnitForKickerAsync(ImportedArticle imported, Dictionary<string, NewsUnit> created, List<NewsUnit> fresh, DateTime now, CancellationToken cancellationToken)
    {
        var name = imported.Kicker ?? throw new ImportProposalException($"《{imported.Title}》没有引题，不能按引题新建单位。");
        if (name.Length > 50)
        {
            throw new ImportProposalException($"引题“{name}”太长，不能直接作为单位名称（不超过 50 字），请先缩短引题。");
        }
        if (created.TryGetValue(name, out var same))
        {
            return same;
        }
        var existing = await db.Units.AsTracking().FirstOrDefaultAsync(u => u.Name == name || u.ShortName == name, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            created[name] = existing;
            return existing;
        }
        string slug;
        do
        {
            // Unit slugs are ASCII; the editor can give it a readable one on the unit's page later.
            slug = "unit-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        }
        while (await db.Units.AnyAsync(u => u.Slug == slug, cancellationToken).ConfigureAwait(false));
        var unit = new NewsUnit { Slug = slug, Name = name, ShortName = name, Kind = NewsUnitKind.Other, UpdatedAt = now, Version = Guid.NewGuid() };
        db.Units.Add(unit);
        created[name] = unit;
        fresh.Add(unit);
        return unit;
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
