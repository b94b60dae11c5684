using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Media;

/// <summary>What an editor types about a photo: alt text (required), caption and the credit.</summary>
public sealed record MediaMetadata(string? AltText, string? Caption, int? CreditContributorId, string? CreditText, CreditKind CreditKind);

public enum MediaOutcome
{
    Saved,
    Invalid,
    NotFound,
    /// <summary>Someone else changed the item since it was loaded; nothing was written.</summary>
    Conflict,
    /// <summary>The item is used by a story, a feature or a unit and cannot be deleted.</summary>
    InUse,
}

/// <summary>The result of a media-library write. <see cref="Errors"/> maps a form field to a Chinese message.</summary>
public sealed record MediaResult(MediaOutcome Outcome, int MediaId = 0, IReadOnlyDictionary<string, string>? Errors = null)
{
    public string? FirstError => Errors?.Values.FirstOrDefault();
}

public enum MediaUseKind
{
    Article = 1,
    Feature = 2,
    Unit = 3,
}

/// <summary>One place an image appears; images are shared, so one may have many.</summary>
public sealed record MediaUse(MediaUseKind Kind, int Id, string Title, ArticleStatus? Status);

/// <summary>
/// The media library's writes: upload (content-checked, see <see cref="ImageUploadValidator"/>, then stored
/// as renditions), metadata edits with optimistic concurrency, and deletion of unused images. Every change
/// is audited in the same transaction. A refused upload stores nothing.
/// </summary>
public sealed class MediaLibrary(NewsDbContext db, AuditLog audit, TimeProvider clock)
{
    public const int AltMaxLength = 300;
    public const int CaptionMaxLength = 1000;
    public const int CreditMaxLength = 100;

    public async Task<MediaResult> UploadAsync(byte[] data, MediaMetadata metadata, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(user);
        var errors = await ValidateAsync(metadata, cancellationToken).ConfigureAwait(false);
        var check = ImageUploadValidator.Validate(data);
        if (!check.IsValid)
        {
            errors["File"] = check.Error!;
        }
        if (errors.Count > 0)
        {
            return new(MediaOutcome.Invalid, Errors: errors);
        }

        IReadOnlyList<ImageRendition> renditions;
        try
        {
            renditions = ImageProcessor.CreateRenditions(data, check.ContentType!);
        }
        catch (InvalidOperationException)
        {
            // The header was sound but the pixels are not (a truncated or corrupt file).
            return new(MediaOutcome.Invalid, Errors: new Dictionary<string, string> { ["File"] = ImageUploadValidator.UnreadableMessage });
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var item = new MediaItem
        {
            AltText = string.Empty, ContentType = check.ContentType!, Width = check.Width, Height = check.Height,
            ByteSize = data.LongLength, CreatedAt = now,
        };
        Apply(item, metadata);
        foreach (var r in renditions)
        {
            item.Variants.Add(new MediaVariant { Name = r.Name, ContentType = r.ContentType, Width = r.Width, Height = r.Height, Data = r.Data });
        }
        db.Media.Add(item);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        audit.Record(user.Actor, "media.upload", "Media", item.Id, $"{item.AltText}（{item.Width}×{item.Height}，{item.ContentType}）");
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new(MediaOutcome.Saved, item.Id);
    }

    /// <summary>Saves new metadata over an image, unless someone else saved it after <paramref name="expectedVersion"/>.</summary>
    public async Task<MediaResult> UpdateAsync(int id, MediaMetadata metadata, Guid expectedVersion, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(user);
        var item = await db.Media.AsTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return new(MediaOutcome.NotFound);
        }
        if (item.Version != expectedVersion)
        {
            return new(MediaOutcome.Conflict, id);
        }
        var errors = await ValidateAsync(metadata, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            return new(MediaOutcome.Invalid, id, errors);
        }
        db.Entry(item).Property(m => m.Version).OriginalValue = expectedVersion;
        Apply(item, metadata);
        audit.Record(user.Actor, "media.update", "Media", id, item.AltText);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new(MediaOutcome.Conflict, id);
        }
        return new(MediaOutcome.Saved, id);
    }

    /// <summary>Deletes an image no story, feature or unit uses (its renditions go with it).</summary>
    public async Task<MediaResult> DeleteAsync(int id, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var item = await db.Media.AsTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return new(MediaOutcome.NotFound);
        }
        var uses = await UsesAsync(id, cancellationToken).ConfigureAwait(false);
        if (uses.Count > 0)
        {
            return new(MediaOutcome.InUse, id, new Dictionary<string, string> { ["Id"] = $"这张图片正被 {uses.Count} 处使用，不能删除。请先在稿件、专题或单位中移除它。" });
        }
        db.Media.Remove(item);
        audit.Record(user.Actor, "media.delete", "Media", id, item.AltText);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(MediaOutcome.Saved, id);
    }

    /// <summary>Where an image is used: stories (any state), features and unit logos.</summary>
    public async Task<IReadOnlyList<MediaUse>> UsesAsync(int id, CancellationToken cancellationToken = default)
    {
        var articles = await db.ArticlePhotos.Where(p => p.MediaId == id).OrderByDescending(p => p.ArticleId)
            .Select(p => new MediaUse(MediaUseKind.Article, p.ArticleId, p.Article!.Title, p.Article.Status))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var features = await db.FeaturePhotos.Where(p => p.MediaId == id).OrderByDescending(p => p.FeatureId)
            .Select(p => new MediaUse(MediaUseKind.Feature, p.FeatureId, p.Feature!.Title, null))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var units = await db.Units.Where(u => u.LogoMediaId == id).OrderBy(u => u.Name)
            .Select(u => new MediaUse(MediaUseKind.Unit, u.Id, u.Name, null))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. articles, .. features, .. units];
    }

    private async Task<Dictionary<string, string>> ValidateAsync(MediaMetadata metadata, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var alt = metadata.AltText?.Trim();
        if (string.IsNullOrEmpty(alt))
        {
            errors["AltText"] = "请填写替代文字：用一句话说明图片内容，供读屏软件朗读，图片无法显示时也会显示它。";
        }
        else if (alt.Length > AltMaxLength)
        {
            errors["AltText"] = $"替代文字不超过 {AltMaxLength} 字。";
        }
        if (metadata.Caption?.Trim().Length > CaptionMaxLength)
        {
            errors["Caption"] = $"图片说明不超过 {CaptionMaxLength} 字。";
        }
        var text = metadata.CreditText?.Trim();
        if (text?.Length > CreditMaxLength)
        {
            errors["CreditText"] = $"署名不超过 {CreditMaxLength} 字。";
        }
        if (metadata.CreditContributorId is { } contributorId)
        {
            if (!string.IsNullOrEmpty(text))
            {
                errors["CreditText"] = "署名请在作者列表和手工填写中二选一。";
            }
            else if (!await db.Contributors.AnyAsync(c => c.Id == contributorId, cancellationToken).ConfigureAwait(false))
            {
                errors["CreditContributorId"] = "所选作者不存在。";
            }
        }
        if (!Enum.IsDefined(metadata.CreditKind))
        {
            errors["CreditKind"] = "请选择“摄”或“供图”。";
        }
        return errors;
    }

    private static void Apply(MediaItem item, MediaMetadata metadata)
    {
        static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        item.AltText = metadata.AltText!.Trim();
        item.Caption = Clean(metadata.Caption);
        item.CreditContributorId = metadata.CreditContributorId;
        item.CreditText = metadata.CreditContributorId is null ? Clean(metadata.CreditText) : null;
        item.CreditKind = metadata.CreditKind;
    }
}
