using System.Globalization;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Time;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Editions;

/// <summary>
/// How an edition change ended. <see cref="PageId"/> is the page the change concerns (the editor returns to it);
/// after a <see cref="SaveOutcome.Conflict"/> on the edition itself, <see cref="Saved"/> is what is in the database now.
/// </summary>
public sealed record EditionSaveResult(SaveOutcome Outcome, int Id = 0, int? PageId = null, FieldErrors? Errors = null, string? Message = null,
    EditionInput? Saved = null, string? SavedBy = null);

/// <summary>
/// 版面: writes editions (期), their pages (版) and the stories placed on each page in print order —
/// validation, transactions, audit records and the rules (one edition per date, one page per number,
/// nothing deleted while stories or features are placed on it). An edition is IVersioned: a save over
/// someone else's newer save is refused with what they saved. Placing or moving stories writes the
/// stories, so a story saved meanwhile by its editor is refused, never overwritten.
/// </summary>
public sealed class EditionDesk(NewsDbContext db, AuditLog audit)
{
    public const int PageSize = 30;
    private const string StoriesChanged = "未保存：相关稿件刚被其他人修改，请刷新后再试。";

    public Task<PagedList<EditionRow>> ListAsync(int page, CancellationToken cancellationToken = default) =>
        db.Editions.OrderByDescending(e => e.Date)
            .Select(e => new EditionRow(e.Id, e.Date, e.Number, e.IsPublished, e.Pages.Count, e.Pages.Sum(p => p.Articles.Count)))
            .ToPagedListAsync(page, PageSize, cancellationToken);

    /// <summary>A new-edition form that follows the latest edition: the next day, the next number.</summary>
    public async Task<EditionInput> BlankAsync(CancellationToken cancellationToken = default)
    {
        var latest = await db.Editions.OrderByDescending(e => e.Date).Select(e => new { e.Date, e.Number }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return latest is null ? new EditionInput() : new EditionInput { Date = EditionInput.IsoDate(latest.Date.AddDays(1)), Number = latest.Number + 1 };
    }

    public async Task<EditionEditing?> LoadAsync(int id, CancellationToken cancellationToken = default)
    {
        var edition = await db.Editions.FirstOrDefaultAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
        if (edition is null)
        {
            return null;
        }
        var pages = await db.EditionPages.Where(p => p.EditionId == id).OrderBy(p => p.Number)
            .Select(p => new
            {
                p.Id, p.Number, p.Name,
                Stories = p.Articles.OrderBy(a => a.PageOrder).ThenBy(a => a.Id).Select(a => new PageStoryRow(a.Id, a.Title, a.Status, a.PageOrder)).ToList(),
                Features = db.Features.Count(f => f.EditionPageId == p.Id),
            })
            .AsSplitQuery()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new EditionEditing(id, edition.Date, edition.Number, EditionInput.From(edition),
            pages.Select(p => new EditionPageRow(p.Id, p.Number, p.Name, p.Stories, p.Features)).ToList());
    }

    public async Task<EditionSaveResult> CreateAsync(EditionInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var (errors, date) = await ValidateAsync(input, null, cancellationToken).ConfigureAwait(false);
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, Errors: errors);
        }
        var edition = new Edition { Date = date, Number = input.Number!.Value, IsPublished = input.IsPublished };
        db.Editions.Add(edition);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            audit.Record(user.Actor, "edition.create", "Edition", edition.Id, Describe(edition));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, edition.Id, Message: $"已新建 {Describe(edition)}，请添加版面。");
    }

    /// <summary>Saves the date, number and whether the edition is public (audited as edition.publish / edition.unpublish when that changes).</summary>
    public async Task<EditionSaveResult> UpdateAsync(int id, EditionInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var edition = await db.Editions.AsTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
        if (edition is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (edition.Version != input.Version)
        {
            return await ConflictAsync(id, cancellationToken).ConfigureAwait(false);
        }
        var (errors, date) = await ValidateAsync(input, id, cancellationToken).ConfigureAwait(false);
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, id, Errors: errors);
        }
        // The Version the editor loaded is the one the UPDATE must still find.
        db.Entry(edition).Property(e => e.Version).OriginalValue = input.Version;
        var wasPublished = edition.IsPublished;
        edition.Date = date;
        edition.Number = input.Number!.Value;
        edition.IsPublished = input.IsPublished;
        db.Entry(edition).Property(e => e.UpdatedAt).IsModified = true;
        var action = wasPublished == edition.IsPublished ? "edition.update" : edition.IsPublished ? "edition.publish" : "edition.unpublish";
        audit.Record(user.Actor, action, "Edition", id, Describe(edition));
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(id, cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, id, Message: "已保存。");
    }

    public async Task<EditionSaveResult> DeleteAsync(int id, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var edition = await db.Editions.AsTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
        if (edition is null)
        {
            return new(SaveOutcome.NotFound);
        }
        var stories = await db.Articles.CountAsync(a => a.EditionPage!.EditionId == id, cancellationToken).ConfigureAwait(false);
        var features = await db.Features.CountAsync(f => f.EditionPage!.EditionId == id, cancellationToken).ConfigureAwait(false);
        if (stories + features > 0)
        {
            return new(SaveOutcome.Refused, id, Message: $"这一期还排有 {stories} 篇稿件{(features > 0 ? $"和 {features} 个专题" : "")}，不能删除。请先把它们移出版面。");
        }
        db.Editions.Remove(edition);
        audit.Record(user.Actor, "edition.delete", "Edition", id, Describe(edition));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, id, Message: $"已删除 {Describe(edition)}。");
    }

    // ---- Pages ----

    public async Task<EditionSaveResult> AddPageAsync(int id, EditionPageInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        if (!await db.Editions.AnyAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false))
        {
            return new(SaveOutcome.NotFound);
        }
        var errors = await ValidatePageAsync(id, null, input, cancellationToken).ConfigureAwait(false);
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, id, Errors: errors, Message: errors.All[0].Message);
        }
        var page = new EditionPage { EditionId = id, Number = input.Number!.Value, Name = input.Name!.Trim() };
        db.EditionPages.Add(page);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            audit.Record(user.Actor, "edition.page-add", "Edition", id, $"第{page.Number}版 {page.Name}");
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, id, page.Id, Message: $"已添加第{page.Number}版 {page.Name}。");
    }

    public async Task<EditionSaveResult> UpdatePageAsync(int id, int pageId, EditionPageInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var page = await db.EditionPages.AsTracking().FirstOrDefaultAsync(p => p.Id == pageId && p.EditionId == id, cancellationToken).ConfigureAwait(false);
        if (page is null)
        {
            return new(SaveOutcome.NotFound);
        }
        var errors = await ValidatePageAsync(id, pageId, input, cancellationToken).ConfigureAwait(false);
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, id, pageId, errors, errors.All[0].Message);
        }
        var before = $"第{page.Number}版 {page.Name}";
        page.Number = input.Number!.Value;
        page.Name = input.Name!.Trim();
        audit.Record(user.Actor, "edition.page-update", "Edition", id, $"{before} → 第{page.Number}版 {page.Name}");
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, id, pageId, Message: $"已保存第{page.Number}版。");
    }

    public async Task<EditionSaveResult> DeletePageAsync(int id, int pageId, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var page = await db.EditionPages.AsTracking().FirstOrDefaultAsync(p => p.Id == pageId && p.EditionId == id, cancellationToken).ConfigureAwait(false);
        if (page is null)
        {
            return new(SaveOutcome.NotFound);
        }
        var stories = await db.Articles.CountAsync(a => a.EditionPageId == pageId, cancellationToken).ConfigureAwait(false);
        var features = await db.Features.CountAsync(f => f.EditionPageId == pageId, cancellationToken).ConfigureAwait(false);
        if (stories + features > 0)
        {
            return new(SaveOutcome.Refused, id, pageId, Message: $"第{page.Number}版还排有 {stories} 篇稿件{(features > 0 ? $"和 {features} 个专题" : "")}，不能删除。请先把它们移出本版。");
        }
        db.EditionPages.Remove(page);
        audit.Record(user.Actor, "edition.page-delete", "Edition", id, $"第{page.Number}版 {page.Name}");
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, id, Message: $"已删除第{page.Number}版。");
    }

    // ---- Stories on a page ----

    /// <summary>Places a story at the end of a page (moving it from any other page).</summary>
    public async Task<EditionSaveResult> PlaceStoryAsync(int id, int pageId, PlaceStoryInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var page = await db.EditionPages.Where(p => p.Id == pageId && p.EditionId == id).Select(p => new { p.Number }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (page is null)
        {
            return new(SaveOutcome.NotFound);
        }
        var article = input.ArticleId is { } articleId
            ? await db.Articles.AsTracking().FirstOrDefaultAsync(a => a.Id == articleId, cancellationToken).ConfigureAwait(false)
            : null;
        if (article is null)
        {
            var errors = new FieldErrors();
            errors.Add(nameof(input.ArticleId), "稿件不存在，请检查稿件编号。");
            return new(SaveOutcome.Invalid, id, pageId, errors, errors.All[0].Message);
        }
        if (article.EditionPageId == pageId)
        {
            return new(SaveOutcome.Saved, id, pageId, Message: $"《{article.Title}》已在本版。");
        }
        var last = await db.Articles.Where(a => a.EditionPageId == pageId).MaxAsync(a => (int?)a.PageOrder, cancellationToken).ConfigureAwait(false) ?? 0;
        article.EditionPageId = pageId;
        article.PageOrder = last + 1;
        audit.Record(user.Actor, "edition.story-place", "Article", article.Id, $"排入第{page.Number}版（期 #{id}）");
        return await SaveStoriesAsync(id, pageId, $"已把《{article.Title}》排入第{page.Number}版。", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves a story one place up (<paramref name="delta"/> -1) or down (+1) on its page; at either end nothing changes.</summary>
    public async Task<EditionSaveResult> MoveStoryAsync(int id, int pageId, int articleId, int delta, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentOutOfRangeException.ThrowIfNotEqual(Math.Abs(delta), 1);
        if (!await db.EditionPages.AnyAsync(p => p.Id == pageId && p.EditionId == id, cancellationToken).ConfigureAwait(false))
        {
            return new(SaveOutcome.NotFound);
        }
        var stories = await db.Articles.AsTracking().Where(a => a.EditionPageId == pageId)
            .OrderBy(a => a.PageOrder).ThenBy(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var index = stories.FindIndex(a => a.Id == articleId);
        if (index < 0)
        {
            return new(SaveOutcome.NotFound);
        }
        var target = index + delta;
        if (target < 0 || target >= stories.Count)
        {
            return new(SaveOutcome.Saved, id, pageId);
        }
        (stories[index], stories[target]) = (stories[target], stories[index]);
        Renumber(stories);
        audit.Record(user.Actor, "edition.story-move", "Article", articleId, $"{(delta < 0 ? "上移" : "下移")}到第 {target + 1} 位（期 #{id}）");
        return await SaveStoriesAsync(id, pageId, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes a story off its page; the stories after it close up.</summary>
    public async Task<EditionSaveResult> RemoveStoryAsync(int id, int pageId, int articleId, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var article = await db.Articles.AsTracking()
            .FirstOrDefaultAsync(a => a.Id == articleId && a.EditionPageId == pageId && a.EditionPage!.EditionId == id, cancellationToken).ConfigureAwait(false);
        if (article is null)
        {
            return new(SaveOutcome.NotFound);
        }
        article.EditionPageId = null;
        article.PageOrder = 0;
        Renumber(await db.Articles.AsTracking().Where(a => a.EditionPageId == pageId && a.Id != articleId)
            .OrderBy(a => a.PageOrder).ThenBy(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false));
        audit.Record(user.Actor, "edition.story-remove", "Article", articleId, $"移出版面（期 #{id}）");
        return await SaveStoriesAsync(id, pageId, $"已把《{article.Title}》移出本版。", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Numbers the stories 1, 2, 3… in list order; only stories whose position changes are written (and get a new Version).</summary>
    private static void Renumber(List<Article> stories)
    {
        for (var i = 0; i < stories.Count; i++)
        {
            if (stories[i].PageOrder != i + 1)
            {
                stories[i].PageOrder = i + 1;
            }
        }
    }

    /// <summary>Placement changes write the stories, so a story saved meanwhile by its editor is refused, not overwritten.</summary>
    private async Task<EditionSaveResult> SaveStoriesAsync(int id, int pageId, string? message, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(SaveOutcome.Conflict, id, pageId, Message: StoriesChanged);
        }
        return new(SaveOutcome.Saved, id, pageId, Message: message);
    }

    /// <summary>Someone saved the edition after this editor loaded it: nothing is written, the result carries what is saved now.</summary>
    private async Task<EditionSaveResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        var saved = await db.Editions.FirstAsync(e => e.Id == id, cancellationToken).ConfigureAwait(false);
        var by = await db.AuditEntries.LastActorAsync("Edition", id, cancellationToken).ConfigureAwait(false);
        var errors = FieldErrors.Conflict("这一期");
        return new(SaveOutcome.Conflict, id, Errors: errors, Saved: EditionInput.From(saved), SavedBy: by);
    }

    private async Task<(FieldErrors Errors, DateOnly Date)> ValidateAsync(EditionInput input, int? id, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (!EditionInput.TryParseDate(input.Date, out var date) || date.Year < 1949 || date.Year > 2200)
        {
            errors.Add(nameof(input.Date), "请填写正确的出版日期。");
        }
        else if (await db.Editions.AnyAsync(e => e.Date == date && e.Id != id, cancellationToken).ConfigureAwait(false))
        {
            errors.Add(nameof(input.Date), $"{ChinaTime.FormatShortDate(date)}已有一期报纸。");
        }
        if (input.Number is not (>= 1 and <= 999_999))
        {
            errors.Add(nameof(input.Number), "请填写期号（正整数）。");
        }
        return (errors, date);
    }

    private async Task<FieldErrors> ValidatePageAsync(int editionId, int? pageId, EditionPageInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (input.Number is not (>= 1 and <= 999))
        {
            errors.Add(nameof(input.Number), "请填写版次（1–999）。");
            return errors;
        }
        var name = FieldErrors.Clean(input.Name);
        if (name is null)
        {
            errors.Add(nameof(input.Name), "请填写版名，如“要闻”。");
        }
        else if (name.Length > 50)
        {
            errors.Add(nameof(input.Name), "版名不超过 50 字。");
        }
        else if (await db.EditionPages.AnyAsync(p => p.EditionId == editionId && p.Number == input.Number && p.Id != pageId, cancellationToken).ConfigureAwait(false))
        {
            errors.Add(nameof(input.Number), $"这一期已有第{input.Number}版。");
        }
        return errors;
    }

    private static string Describe(Edition edition) =>
        string.Create(CultureInfo.InvariantCulture, $"{ChinaTime.FormatShortDate(edition.Date)} 第{edition.Number}期");
}
