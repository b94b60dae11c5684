using System.Globalization;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Features;

/// <summary>A feature's own fields as the composer form posts them.</summary>
public sealed record FeatureInput(string? Slug, string? Title, string? Summary, int LeadArticleId, int? EditionPageId, string? BylineLabel);

/// <summary>One row of the page byline: a role and the names under it (separated by 、 ， or spaces).</summary>
public sealed record BylineRow(CreditRole Role, string? Names);

public enum ComposeOutcome
{
    Saved,
    Invalid,
    NotFound,
    /// <summary>Someone else saved the feature since it was loaded; nothing was written.</summary>
    Conflict,
}

public sealed record ComposeResult(ComposeOutcome Outcome, int FeatureId = 0, IReadOnlyDictionary<string, string>? Errors = null)
{
    public string? FirstError => Errors?.Values.FirstOrDefault();

    internal static ComposeResult Invalid(int featureId, string field, string message) =>
        new(ComposeOutcome.Invalid, featureId, new Dictionary<string, string> { [field] = message });
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

    public async Task<ComposeResult> CreateAsync(FeatureInput input, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var errors = await ValidateAsync(null, input, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return new(ComposeOutcome.Invalid, Errors: errors);
        }
        var feature = new Feature { Slug = string.Empty, Title = string.Empty };
        Apply(feature, input);
        db.Features.Add(feature);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        audit.Record(user.Actor, "feature.create", "Feature", feature.Id, feature.Title);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new(ComposeOutcome.Saved, feature.Id);
    }

    public async Task<ComposeResult> UpdateAsync(int id, FeatureInput input, Guid expectedVersion, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(user);
        var feature = await db.Features.AsTracking().Include(f => f.Sidebars).FirstOrDefaultAsync(f => f.Id == id, cancellationToken).ConfigureAwait(false);
        if (feature is null)
        {
            return new(ComposeOutcome.NotFound);
        }
        if (feature.Version != expectedVersion)
        {
            return new(ComposeOutcome.Conflict, id);
        }
        var errors = await ValidateAsync(id, input, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return new(ComposeOutcome.Invalid, id, errors);
        }
        db.Entry(feature).Property(f => f.Version).OriginalValue = expectedVersion;
        Apply(feature, input);
        // A story cannot be both the lead and a sidebar: a sidebar promoted to lead leaves the sidebars.
        feature.Sidebars.RemoveAll(s => s.ArticleId == feature.LeadArticleId);
        Renumber(feature.Sidebars, s => s.SortOrder, (s, i) => s.SortOrder = i);
        audit.Record(user.Actor, "feature.update", "Feature", id, feature.Title);
        return await SaveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ComposeResult> AddSidebarAsync(int id, int articleId, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var feature = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (feature is null)
        {
            return new(ComposeOutcome.NotFound);
        }
        if (!await db.Articles.AnyAsync(a => a.Id == articleId, cancellationToken).ConfigureAwait(false))
        {
            return ComposeResult.Invalid(id, "ArticleId", "稿件不存在，请检查稿件编号。");
        }
        if (articleId == feature.LeadArticleId)
        {
            return ComposeResult.Invalid(id, "ArticleId", "这篇稿件是本专题的主稿，不能同时作为侧栏。");
        }
        if (feature.Sidebars.Any(s => s.ArticleId == articleId))
        {
            return ComposeResult.Invalid(id, "ArticleId", "这篇稿件已在侧栏中。");
        }
        feature.Sidebars.Add(new FeatureSidebar { ArticleId = articleId, SortOrder = feature.Sidebars.Count == 0 ? 0 : feature.Sidebars.Max(s => s.SortOrder) + 1 });
        audit.Record(user.Actor, "feature.sidebar-add", "Feature", id, Invariant($"稿件 #{articleId}"));
        return await SaveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ComposeResult> RemoveSidebarAsync(int id, int articleId, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var feature = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (feature is null || feature.Sidebars.FirstOrDefault(s => s.ArticleId == articleId) is not { } sidebar)
        {
            return new(ComposeOutcome.NotFound);
        }
        feature.Sidebars.Remove(sidebar);
        Renumber(feature.Sidebars, s => s.SortOrder, (s, i) => s.SortOrder = i);
        audit.Record(user.Actor, "feature.sidebar-remove", "Feature", id, Invariant($"稿件 #{articleId}"));
        return await SaveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves a sidebar one place up (<paramref name="delta"/> = -1) or down (+1).</summary>
    public async Task<ComposeResult> MoveSidebarAsync(int id, int articleId, int delta, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var feature = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (feature is null || !feature.Sidebars.Any(s => s.ArticleId == articleId))
        {
            return new(ComposeOutcome.NotFound);
        }
        if (Move(feature.Sidebars, s => s.ArticleId == articleId, delta, s => s.SortOrder, (s, i) => s.SortOrder = i))
        {
            audit.Record(user.Actor, "feature.sidebar-move", "Feature", id, Invariant($"稿件 #{articleId} {(delta < 0 ? "上移" : "下移")}"));
        }
        return await SaveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ComposeResult> AddPhotoAsync(int id, int mediaId, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var feature = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (feature is null)
        {
            return new(ComposeOutcome.NotFound);
        }
        if (!await db.Media.AnyAsync(m => m.Id == mediaId, cancellationToken).ConfigureAwait(false))
        {
            return ComposeResult.Invalid(id, "MediaId", "图片不存在，请检查图片编号。");
        }
        if (feature.Photos.Any(p => p.MediaId == mediaId))
        {
            return ComposeResult.Invalid(id, "MediaId", "这张图片已在专题中。");
        }
        feature.Photos.Add(new FeaturePhoto { MediaId = mediaId, SortOrder = feature.Photos.Count == 0 ? 0 : feature.Photos.Max(p => p.SortOrder) + 1 });
        audit.Record(user.Actor, "feature.photo-add", "Feature", id, Invariant($"图片 #{mediaId}"));
        return await SaveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ComposeResult> RemovePhotoAsync(int id, int mediaId, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var feature = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (feature is null || feature.Photos.FirstOrDefault(p => p.MediaId == mediaId) is not { } photo)
        {
            return new(ComposeOutcome.NotFound);
        }
        feature.Photos.Remove(photo);
        Renumber(feature.Photos, p => p.SortOrder, (p, i) => p.SortOrder = i);
        audit.Record(user.Actor, "feature.photo-remove", "Feature", id, Invariant($"图片 #{mediaId}"));
        return await SaveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ComposeResult> MovePhotoAsync(int id, int mediaId, int delta, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var feature = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (feature is null || !feature.Photos.Any(p => p.MediaId == mediaId))
        {
            return new(ComposeOutcome.NotFound);
        }
        if (Move(feature.Photos, p => p.MediaId == mediaId, delta, p => p.SortOrder, (p, i) => p.SortOrder = i))
        {
            audit.Record(user.Actor, "feature.photo-move", "Feature", id, Invariant($"图片 #{mediaId} {(delta < 0 ? "上移" : "下移")}"));
        }
        return await SaveAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replaces the page byline. Names that match a contributor exactly are linked to them.</summary>
    public async Task<ComposeResult> SetBylineAsync(int id, IReadOnlyList<BylineRow> rows, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(user);
        var feature = await LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (feature is null)
        {
            return new(ComposeOutcome.NotFound);
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
                return ComposeResult.Invalid(id, "Byline", "请为每行署名选择角色。");
            }
            if (names.FirstOrDefault(n => n.Length > BylineNameMaxLength) is { } tooLong)
            {
                return ComposeResult.Invalid(id, "Byline", $"署名“{tooLong[..10]}…”过长，每个名字不超过 {BylineNameMaxLength} 字；多个名字请用顿号或空格分隔。");
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
    public async Task<ComposeResult> DeleteAsync(int id, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var feature = await db.Features.AsTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken).ConfigureAwait(false);
        if (feature is null)
        {
            return new(ComposeOutcome.NotFound);
        }
        if (feature.IsPublished)
        {
            return ComposeResult.Invalid(id, "Id", "专题已发布，请先撤下再删除。");
        }
        db.Features.Remove(feature);
        audit.Record(user.Actor, "feature.delete", "Feature", id, feature.Title);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(ComposeOutcome.Saved, id);
    }

    /// <summary>Names under one role, as typed: 刘思远、王磊 or 刘思远 王磊 or 刘思远，王磊.</summary>
    public static IReadOnlyList<string> SplitNames(string? names) =>
        (names ?? string.Empty).Split(['、', ',', '，', ';', '；', ' ', '　', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToList();

    private async Task<Dictionary<string, string>> ValidateAsync(int? id, FeatureInput input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var slug = Slugs.Normalize(input.Slug);
        if (!Slugs.IsValid(slug))
        {
            errors["Slug"] = Slugs.Rule;
        }
        else if (await db.Features.AnyAsync(f => f.Slug == slug && f.Id != id, cancellationToken).ConfigureAwait(false))
        {
            errors["Slug"] = "这个网址名已被另一个专题使用。";
        }
        var title = input.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors["Title"] = "请填写专题标题。";
        }
        else if (title.Length > 200)
        {
            errors["Title"] = "专题标题不超过 200 字。";
        }
        if (input.Summary?.Trim().Length > 1000)
        {
            errors["Summary"] = "导语不超过 1000 字。";
        }
        if (input.BylineLabel?.Trim().Length > 50)
        {
            errors["BylineLabel"] = "署名标题不超过 50 字。";
        }
        if (!await db.Articles.AnyAsync(a => a.Id == input.LeadArticleId, cancellationToken).ConfigureAwait(false))
        {
            errors["LeadArticleId"] = "请选择主稿。";
        }
        if (input.EditionPageId is { } pageId && !await db.EditionPages.AnyAsync(p => p.Id == pageId, cancellationToken).ConfigureAwait(false))
        {
            errors["EditionPageId"] = "所选版面不存在。";
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

    private async Task<ComposeResult> SaveAsync(int id, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(ComposeOutcome.Conflict, id);
        }
        return new(ComposeOutcome.Saved, id);
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
