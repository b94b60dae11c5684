using System.Globalization;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Features;

/// <summary>
/// A feature's own fields as the composer form posts them. Strings are nullable so that <see cref="FeatureComposer"/>
/// words the errors. A record, so that the admin's page model can extend it and keep the fields' plain names.
/// </summary>
public record FeatureInput
{
    public string? Slug { get; set; }
    public string? Title { get; set; }
    public string? Summary { get; set; }
    public int LeadArticleId { get; set; }
    public int? EditionPageId { get; set; }
    public string? BylineLabel { get; set; } = "本版撰文";
    /// <summary>The version the editor loaded: a save over a newer one is refused as a conflict.</summary>
    public Guid Version { get; set; }

    public static FeatureInput From(Feature feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        return new()
        {
            Slug = feature.Slug, Title = feature.Title, Summary = feature.Summary, LeadArticleId = feature.LeadArticleId,
            EditionPageId = feature.EditionPageId, BylineLabel = feature.BylineLabel, Version = feature.Version,
        };
    }
}

/// <summary>One row of the page byline: a role and the names under it (separated by 、 ， or spaces).</summary>
public sealed record BylineRow(CreditRole Role, string? Names);

/// <summary>
/// How a composer change ended. After a <see cref="SaveOutcome.Conflict"/>, <see cref="Saved"/> is the feature as it is
/// saved now (with its Version) and <see cref="SavedBy"/> who saved it last.
/// </summary>
public sealed record FeatureSaveResult(SaveOutcome Outcome, int FeatureId = 0, FieldErrors? Errors = null, FeatureInput? Saved = null, string? SavedBy = null)
{
    public string? FirstError => Errors is { IsValid: false } errors ? errors.All[0].Message : null;

    internal static FeatureSaveResult Invalid(int featureId, string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return new(SaveOutcome.Invalid, featureId, errors);
    }
}

/// <summary>
/// The 专题 composer: the feature's fields (optimistic concurrency on its Version), the ordered sidebars,
/// the ordered photos and the page byline by role. Sidebars and photos are moved one step at a time, so
/// a plain POST button (no script) can reorder them. Every change is audited in the same SaveChanges.
/// Structural changes do not renew the feature's Version, so moving a sidebar never makes another
/// editor's open details form stale.
/// </summary>
public sealed class FeatureComposer(NewsDbContext db, AuditLog audit)
{
    public const int BylineNameMaxLength = 50;

    public async Task<FeatureSaveResult> CreateAsync(FeatureInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var errors = await ValidateAsync(null, input, cancellationToken).ConfigureAwait(false);
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, Errors: errors);
        }
        var feature = new Feature { Slug = string.Empty, Title = string.Empty };
        Apply(feature, input);
        db.Features.Add(feature);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        audit.Record(user.Actor, "feature.create", "Feature", feature.Id, feature.Title);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, feature.Id);
    }

    public async Task<FeatureSaveResult> UpdateAsync(int id, FeatureInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var feature = await db.Features.AsTracking().Include(f => f.Sidebars).FirstOrDefaultAsync(f => f.Id == id, cancellationToken).ConfigureAwait(false);
        if (feature is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (feature.Version != input.Version)
        {
            return await ConflictAsync(id, cancellationToken).ConfigureAwait(false);
        }
        var errors = await ValidateAsync(id, input, cancellationToken).ConfigureAwait(false);
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, id, errors);
        }
        db.Entry(feature).Property(f => f.Version).OriginalValue = input.Version;
        Apply(feature, input);
        // A story cannot be both the lead and a sidebar: a sidebar promoted to lead leaves the sidebars.
        feature.Sidebars.RemoveAll(s => s.ArticleId == feature.LeadArticleId);
        Renumber(feature.Sidebars, s => s.SortOrder, (s, i) => s.SortOrder = i);
        audit.Record(user.Actor, "feature.update", "Feature", id, feature.Title);
        return await SaveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FeatureSaveResult> AddSidebarAsync(int id, int articleId, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var feature = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (feature is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (!await db.Articles.AnyAsync(a => a.Id == articleId, cancellationToken).ConfigureAwait(false))
        {
            return FeatureSaveResult.Invalid(id, "ArticleId", "稿件不存在，请检查稿件编号。");
        }
        if (articleId == feature.LeadArticleId)
        {
            return FeatureSaveResult.Invalid(id, "ArticleId", "这篇稿件是本专题的主稿，不能同时作为侧栏。");
        }
        if (feature.Sidebars.Any(s => s.ArticleId == articleId))
        {
            return FeatureSaveResult.Invalid(id, "ArticleId", "这篇稿件已在侧栏中。");
        }
        feature.Sidebars.Add(new FeatureSidebar { ArticleId = articleId, SortOrder = feature.Sidebars.Count == 0 ? 0 : feature.Sidebars.Max(s => s.SortOrder) + 1 });
        audit.Record(user.Actor, "feature.sidebar-add", "Feature", id, Invariant($"稿件 #{articleId}"));
        return await SaveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FeatureSaveResult> RemoveSidebarAsync(int id, int articleId, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var feature = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (feature is null || feature.Sidebars.FirstOrDefault(s => s.ArticleId == articleId) is not { } sidebar)
        {
            return new(SaveOutcome.NotFound);
        }
        feature.Sidebars.Remove(sidebar);
        Renumber(feature.Sidebars, s => s.SortOrder, (s, i) => s.SortOrder = i);
        audit.Record(user.Actor, "feature.sidebar-remove", "Feature", id, Invariant($"稿件 #{articleId}"));
        return await SaveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves a sidebar one place up (<paramref name="delta"/> = -1) or down (+1).</summary>
    public async Task<FeatureSaveResult> MoveSidebarAsync(int id, int articleId, int delta, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var feature = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (feature is null || !feature.Sidebars.Any(s => s.ArticleId == articleId))
        {
            return new(SaveOutcome.NotFound);
        }
        if (Move(feature.Sidebars, s => s.ArticleId == articleId, delta, s => s.SortOrder, (s, i) => s.SortOrder = i))
        {
            audit.Record(user.Actor, "feature.sidebar-move", "Feature", id, Invariant($"稿件 #{articleId} {(delta < 0 ? "上移" : "下移")}"));
        }
        return await SaveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FeatureSaveResult> AddPhotoAsync(int id, int mediaId, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var feature = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (feature is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (!await db.Media.AnyAsync(m => m.Id == mediaId, cancellationToken).ConfigureAwait(false))
        {
            return FeatureSaveResult.Invalid(id, "MediaId", "图片不存在，请检查图片编号。");
        }
        if (feature.Photos.Any(p => p.MediaId == mediaId))
        {
            return FeatureSaveResult.Invalid(id, "MediaId", "这张图片已在专题中。");
        }
        feature.Photos.Add(new FeaturePhoto { MediaId = mediaId, SortOrder = feature.Photos.Count == 0 ? 0 : feature.Photos.Max(p => p.SortOrder) + 1 });
        audit.Record(user.Actor, "feature.photo-add", "Feature", id, Invariant($"图片 #{mediaId}"));
        return await SaveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FeatureSaveResult> RemovePhotoAsync(int id, int mediaId, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var feature = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (feature is null || feature.Photos.FirstOrDefault(p => p.MediaId == mediaId) is not { } photo)
        {
            return new(SaveOutcome.NotFound);
        }
        feature.Photos.Remove(photo);
        Renumber(feature.Photos, p => p.SortOrder, (p, i) => p.SortOrder = i);
        audit.Record(user.Actor, "feature.photo-remove", "Feature", id, Invariant($"图片 #{mediaId}"));
        return await SaveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<FeatureSaveResult> MovePhotoAsync(int id, int mediaId, int delta, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var feature = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (feature is null || !feature.Photos.Any(p => p.MediaId == mediaId))
        {
            return new(SaveOutcome.NotFound);
        }
        if (Move(feature.Photos, p => p.MediaId == mediaId, delta, p => p.SortOrder, (p, i) => p.SortOrder = i))
        {
            audit.Record(user.Actor, "feature.photo-move", "Feature", id, Invariant($"图片 #{mediaId} {(delta < 0 ? "上移" : "下移")}"));
        }
        return await SaveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the page byline. Names that match a contributor exactly are linked to them.</summary>
    public async Task<FeatureSaveResult> SetBylineAsync(int id, IReadOnlyList<BylineRow> rows, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(user);
        var feature = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (feature is null)
        {
            return new(SaveOutcome.NotFound);
        }
        var entries = new List<(CreditRole Role, string Name)>();
        foreach (var row in rows)
        {
            var names = SplitNames(row.Names);
            if (names.Count == 0)
            {
                continue;
            }
            if (!Enum.IsDefined(row.Role))
            {
                return FeatureSaveResult.Invalid(id, "Byline", "请为每行署名选择角色。");
            }
            if (names.FirstOrDefault(n => n.Length > BylineNameMaxLength) is { } tooLong)
            {
                return FeatureSaveResult.Invalid(id, "Byline", $"署名“{tooLong[..10]}…”过长，每个名字不超过 {BylineNameMaxLength} 字；多个名字请用顿号或空格分隔。");
            }
            entries.AddRange(names.Select(n => (row.Role, n)));
        }
        var allNames = entries.Select(e => e.Name).Distinct(StringComparer.Ordinal).ToList();
        var contributors = await db.Contributors.Where(c => allNames.Contains(c.Name)).Select(c => new { c.Id, c.Name })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        feature.Byline.Clear();
        var order = 0;
        foreach (var (role, name) in entries.Distinct())
        {
            feature.Byline.Add(new FeatureByline
            {
                Role = role, Name = name, SortOrder = order++,
                ContributorId = contributors.Where(c => c.Name == name).Select(c => (int?)c.Id).FirstOrDefault(),
            });
        }
        audit.Record(user.Actor, "feature.byline", "Feature", id,
            string.Join("；", entries.GroupBy(e => e.Role).Select(g => $"{g.Key.Label()} {string.Join("、", g.Select(e => e.Name))}")));
        return await SaveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the feature (its sidebars, photos and byline with it); the stories themselves stay.</summary>
    public async Task<FeatureSaveResult> DeleteAsync(int id, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var feature = await db.Features.AsTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken).ConfigureAwait(false);
        if (feature is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (feature.IsPublished)
        {
            return new(SaveOutcome.Refused, id, Message("专题已发布，请先撤下再删除。"));
        }
        db.Features.Remove(feature);
        audit.Record(user.Actor, "feature.delete", "Feature", id, feature.Title);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, id);
    }

    /// <summary>Names under one role, as typed: 刘思远、王磊 or 刘思远 王磊 or 刘思远，王磊.</summary>
    public static IReadOnlyList<string> SplitNames(string? names) =>
        (names ?? string.Empty).Split(['、', ',', '，', ';', '；', ' ', '　', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();

    private async Task<FieldErrors> ValidateAsync(int? id, FeatureInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var slug = Slugs.Normalize(input.Slug);
        if (!Slugs.IsValid(slug))
        {
            errors.Add(nameof(input.Slug), Slugs.Rule);
        }
        else if (await db.Features.AnyAsync(f => f.Slug == slug && f.Id != id, cancellationToken).ConfigureAwait(false))
        {
            errors.Add(nameof(input.Slug), "这个网址名已被另一个专题使用。");
        }
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors.Add(nameof(input.Title), "请填写专题标题。");
        }
        else if (title.Length > 200)
        {
            errors.Add(nameof(input.Title), "专题标题不超过 200 字。");
        }
        if (input.Summary?.Trim().Length > 1000)
        {
            errors.Add(nameof(input.Summary), "导语不超过 1000 字。");
        }
        if (input.BylineLabel?.Trim().Length > 50)
        {
            errors.Add(nameof(input.BylineLabel), "署名标题不超过 50 字。");
        }
        if (!await db.Articles.AnyAsync(a => a.Id == input.LeadArticleId, cancellationToken).ConfigureAwait(false))
        {
            errors.Add(nameof(input.LeadArticleId), "请选择主稿。");
        }
        if (input.EditionPageId is { } pageId && !await db.EditionPages.AnyAsync(p => p.Id == pageId, cancellationToken).ConfigureAwait(false))
        {
            errors.Add(nameof(input.EditionPageId), "所选版面不存在。");
        }
        return errors;
    }

    private static void Apply(Feature feature, FeatureInput input)
    {
        feature.Slug = Slugs.Normalize(input.Slug);
        feature.Title = input.Title!.Trim();
        feature.Summary = string.IsNullOrWhiteSpace(input.Summary) ? null : input.Summary.Trim();
        feature.LeadArticleId = input.LeadArticleId;
        feature.EditionPageId = input.EditionPageId;
        feature.BylineLabel = string.IsNullOrWhiteSpace(input.BylineLabel) ? "本版撰文" : input.BylineLabel.Trim();
    }

    private Task<Feature?> LoadAsync(int id, CancellationToken cancellationToken) =>
        db.Features.AsTracking().Include(f => f.Sidebars).Include(f => f.Photos).Include(f => f.Byline)
            .AsSplitQuery().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);

    private async Task<FeatureSaveResult> SaveAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(id, cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, id);
    }

    /// <summary>
    /// Someone changed the feature after this editor loaded it. Nothing is written: the result carries what is
    /// saved now (with its Version, so saving again is a deliberate choice made with both versions in view).
    /// </summary>
    private async Task<FeatureSaveResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        var saved = await db.Features.FirstOrDefaultAsync(f => f.Id == id, cancellationToken).ConfigureAwait(false);
        if (saved is null)
        {
            return new(SaveOutcome.NotFound);
        }
        var by = await db.AuditEntries.Where(a => a.EntityType == "Feature" && a.EntityId == id.ToString(CultureInfo.InvariantCulture))
            .OrderByDescending(a => a.Id).Select(a => a.UserName).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Conflict, id,
            Message("保存未成功：您编辑期间，这个专题已被他人修改并保存。您的输入仍保留在表单中，下方是目前已保存的内容。请核对后再次保存，再次保存将以您的版本为准。"),
            FeatureInput.From(saved), by);
    }

    private static FieldErrors Message(string message)
    {
        var errors = new FieldErrors();
        errors.Add(string.Empty, message);
        return errors;
    }

    /// <summary>Swaps an item with its neighbour and renumbers 0..n-1. Returns false at either end.</summary>
    internal static bool Move<T>(List<T> items, Func<T, bool> match, int delta, Func<T, int> order, Action<T, int> setOrder)
    {
        var sorted = items.OrderBy(order).ToList();
        var index = sorted.FindIndex(x => match(x));
        var target = index + Math.Sign(delta);
        if (index < 0 || target < 0 || target >= sorted.Count)
        {
            return false;
        }
        (sorted[index], sorted[target]) = (sorted[target], sorted[index]);
        for (var i = 0; i < sorted.Count; i++)
        {
            setOrder(sorted[i], i);
        }
        return true;
    }

    private static void Renumber<T>(List<T> items, Func<T, int> order, Action<T, int> setOrder)
    {
        var i = 0;
        foreach (var item in items.OrderBy(order).ToList())
        {
            setOrder(item, i++);
        }
    }

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
}
