using System.Globalization;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Saving;
using CivilizationNews.Core.Time;
using CivilizationNews.Core.Validation;
using CivilizationNews.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Media;

/// <summary>
/// What an editor types about a photo: alt text (required), caption and the credit, and (editing) the Version
/// loaded. A record, so that the admin's page models can extend it and keep the fields' plain names.
/// </summary>
public record MediaInput
{
    public string? AltText { get; set; }
    public string? Caption { get; set; }
    public int? CreditContributorId { get; set; }
    public string? CreditText { get; set; }
    public CreditKind CreditKind { get; set; } = CreditKind.Photographed;
    /// <summary>The version the editor loaded: a save over a newer one is refused as a conflict.</summary>
    public Guid Version { get; set; }

    public static MediaInput From(MediaItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new()
        {
            AltText = item.AltText, Caption = item.Caption, CreditContributorId = item.CreditContributorId, CreditText = item.CreditText,
            CreditKind = item.CreditKind, Version = item.Version,
        };
    }
}

/// <summary>
/// How a media-library write ended. <see cref="Errors"/> keys each message by its form field ("File", "AltText").
/// After a <see cref="SaveOutcome.Conflict"/>, <see cref="Saved"/> is what is saved now and <see cref="SavedBy"/> who saved it.
/// </summary>
public sealed record MediaSaveResult(SaveOutcome Outcome, int MediaId = 0, FieldErrors? Errors = null, MediaInput? Saved = null, string? SavedBy = null)
{
    public string? FirstError => Errors is { IsValid: false } errors ? errors.All[0].Message : null;

    internal static MediaSaveResult Invalid(int mediaId, string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return new(SaveOutcome.Invalid, mediaId, errors);
    }
}

/// <summary>A photo in the library grid: its credit as shown and how many stories and features use it.</summary>
public sealed record MediaTile(int Id, string Alt, string? Caption, string? Credit, CreditKind CreditKind, int Width, int Height, int Uses);

/// <summary>A photo in the story editor's photo area, and whether the member may correct its details there.</summary>
public sealed record PhotoAreaItem(PickerTile Tile, bool CanEdit);

/// <summary>One stored rendition of a photo.</summary>
public sealed record RenditionRow(string Name, string ContentType, int Width, int Height, long Bytes);

/// <summary>A photo opened for editing: its form, the original's facts, its renditions and uses, and whether this user may delete it.</summary>
public sealed record MediaDetails(
    int Id, MediaInput Input, string ContentType, int Width, int Height, long ByteSize, DateTime CreatedAt,
    IReadOnlyList<RenditionRow> Renditions, IReadOnlyList<MediaUse> Uses, bool CanDelete, int UnlistedUses = 0);

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
public sealed class MediaLibrary(NewsDbContext db, AuditLog audit, TimeProvider clock, DecodeGate? decodes = null)
{
    /// <summary>Shown when every decode turn stays taken for the gate's wait.</summary>
    public const string BusyMessage = "服务器正在处理其他图片，请稍后再上传。";

    /// <summary>Shown when a reporter or correspondent tries to change a photo that is not theirs alone.</summary>
    public const string NotYoursMessage = "只有编辑可以修改这张图片的说明和署名：记者和通讯员只能修改自己上传、且只用在自己草稿中的图片。";

    public const int AltMaxLength = 300;
    public const int CaptionMaxLength = 1000;
    public const int CreditMaxLength = 100;

    public const int PageSize = 40;

    /// <summary>
    /// Uploads a posted file. An empty or missing file, or one declared larger than <see cref="ImageUploadValidator.MaxBytes"/>,
    /// is refused before anything is read into memory.
    /// </summary>
    public async Task<MediaSaveResult> UploadAsync(Stream? file, long length, MediaInput metadata, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        if (file is null || length == 0)
        {
            return MediaSaveResult.Invalid(0, "File", ImageUploadValidator.EmptyMessage);
        }
        if (length > ImageUploadValidator.MaxBytes)
        {
            return MediaSaveResult.Invalid(0, "File", ImageUploadValidator.TooLargeMessage);
        }
        var data = new byte[length];
        await file.ReadExactlyAsync(data, cancellationToken).ConfigureAwait(false);
        return await UploadAsync(data, metadata, user, cancellationToken).ConfigureAwait(false);
    }

    public async Task<MediaSaveResult> UploadAsync(byte[] data, MediaInput metadata, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(user);
        var errors = await ValidateAsync(metadata, cancellationToken).ConfigureAwait(false);
        var check = ImageUploadValidator.Validate(data);
        if (!check.IsValid)
        {
            errors.Add("File", check.Error!);
        }
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, Errors: errors);
        }

        IReadOnlyList<ImageRendition> renditions;
        try
        {
            renditions = ImageProcessor.CreateRenditions(data, check.ContentType!, decodes);
        }
        catch (InvalidOperationException)
        {
            // The header was sound but the pixels are not (a truncated or corrupt file).
            return MediaSaveResult.Invalid(0, "File", ImageUploadValidator.UnreadableMessage);
        }
        catch (ImageBusyException)
        {
            // Several large pictures are being decoded already (DecodeGate): nothing is stored, try again shortly.
            return MediaSaveResult.Invalid(0, "File", BusyMessage);
        }

        // A phone photo stored sideways is stored upright: the renditions' size, not the header's, is the picture's.
        var upright = renditions.Single(r => r.Name == "original");
        var now = clock.GetUtcNow().UtcDateTime;
        var item = new MediaItem
        {
            AltText = string.Empty, ContentType = upright.ContentType, Width = upright.Width, Height = upright.Height,
            ByteSize = data.LongLength, CreatedAt = now,
        };
        Apply(item, metadata);
        foreach (var r in renditions)
        {
            item.Variants.Add(new MediaVariant { Name = r.Name, ContentType = r.ContentType, Width = r.Width, Height = r.Height, Data = r.Data });
        }
        db.Media.Add(item);
        await using var transaction = await JoinedTransaction.BeginAsync(db, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        audit.Record(user.Actor, "media.upload", "Media", item.Id, $"{item.AltText}（{item.Width}×{item.Height}，{item.ContentType}）");
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, item.Id);
    }

    /// <summary>Saves new metadata over an image, unless someone else saved it after the Version the editor loaded.</summary>
    public async Task<MediaSaveResult> UpdateAsync(int id, MediaInput metadata, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(user);
        var item = await db.Media.AsTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (!await MayEditAsync(id, user, cancellationToken).ConfigureAwait(false))
        {
            var refused = new FieldErrors();
            refused.Add(string.Empty, NotYoursMessage);
            return new(SaveOutcome.Forbidden, id, refused);
        }
        if (item.Version != metadata.Version)
        {
            return await ConflictAsync(id, cancellationToken).ConfigureAwait(false);
        }
        var errors = await ValidateAsync(metadata, cancellationToken).ConfigureAwait(false);
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, id, errors);
        }
        db.Entry(item).Property(m => m.Version).OriginalValue = metadata.Version;
        Apply(item, metadata);
        audit.Record(user.Actor, "media.update", "Media", id, item.AltText);
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
    /// Whether <paramref name="user"/> may change a photo's caption, alt text or credit. Readers see those
    /// on every page that shows the photo, so outside the editors' review only the uploader may change
    /// them, and only while nothing but the uploader's own drafts uses the photo (the upload's audit
    /// entry says who uploaded it).
    /// </summary>
    public async Task<bool> MayEditAsync(int id, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsEditor)
        {
            return true;
        }
        var key = id.ToString(CultureInfo.InvariantCulture);
        var uploadedByUser = await db.AuditEntries.AnyAsync(a => a.Action == "media.upload" && a.EntityType == "Media" && a.EntityId == key
            && a.UserId == user.Id, cancellationToken).ConfigureAwait(false);
        if (!uploadedByUser)
        {
            return false;
        }
        var usedBeyondOwnDrafts =
            await db.ArticlePhotos.AnyAsync(p => p.MediaId == id && !(p.Article!.AuthorId == user.Id && p.Article.Status == ArticleStatus.Draft), cancellationToken).ConfigureAwait(false)
            || await db.FeaturePhotos.AnyAsync(p => p.MediaId == id, cancellationToken).ConfigureAwait(false)
            || await db.Units.AnyAsync(u => u.LogoMediaId == id, cancellationToken).ConfigureAwait(false);
        return !usedBeyondOwnDrafts;
    }

    /// <summary>Deletes an image no story, feature or unit uses (its renditions go with it). Only editors delete.</summary>
    public async Task<MediaSaveResult> DeleteAsync(int id, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsEditor)
        {
            return new(SaveOutcome.Forbidden, id);
        }
        var item = await db.Media.AsTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return new(SaveOutcome.NotFound);
        }
        var uses = await UsesAsync(id, cancellationToken).ConfigureAwait(false);
        if (uses.Count > 0)
        {
            var refused = new FieldErrors();
            refused.Add(string.Empty, $"这张图片正被 {uses.Count} 处使用，不能删除。请先在稿件、专题或单位中移除它。");
            return new(SaveOutcome.Refused, id, refused);
        }
        db.Media.Remove(item);
        audit.Record(user.Actor, "media.delete", "Media", id, item.AltText);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, id);
    }

    /// <summary>The library grid: newest first, optionally only photos whose alt text, caption or credit contains <paramref name="text"/>.</summary>
    public Task<PagedList<MediaTile>> ListAsync(string? text, int page, CancellationToken cancellationToken = default)
    {
        var query = db.Media.AsQueryable();
        if (FieldErrors.Clean(text) is { } q)
        {
            query = query.Where(m => m.AltText.Contains(q) || (m.Caption != null && m.Caption.Contains(q))
                || (m.CreditText != null && m.CreditText.Contains(q)) || (m.CreditContributor != null && m.CreditContributor.Name.Contains(q)));
        }
        return query.OrderByDescending(m => m.Id)
            .Select(m => new MediaTile(m.Id, m.AltText, m.Caption,
                m.CreditContributor != null ? m.CreditContributor.Name : m.CreditText, m.CreditKind, m.Width, m.Height,
                db.ArticlePhotos.Count(p => p.MediaId == m.Id) + db.FeaturePhotos.Count(p => p.MediaId == m.Id)))
            .ToPagedListAsync(page, PageSize, cancellationToken);
    }

    /// <summary>Photos one picker page shows: a phone shows two a row, a laptop four or six.</summary>
    public const int PickerPageSize = 24;

    /// <summary>Photos the story editor's photo area loads at once (a story has a handful; this bounds a typed list).</summary>
    public const int MaxPhotoAreaItems = 100;

    /// <summary>
    /// The story editor's picker: the library newest first, searched by text (alt text, caption, credit, unit) and by
    /// date (<see cref="MediaSearch"/>). Units and dates of stories count only where the member may see the story: an
    /// editor any story, others published stories and their own; so a search never reveals which unit a colleague's
    /// unpublished draft is about. What each tile shows is what the library grid shows every member.
    /// </summary>
    public Task<PagedList<PickerTile>> SearchAsync(MediaSearch search, NewsroomUser user, int page, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(user);
        var query = db.Media.AsQueryable();
        var editor = user.IsEditor;
        var me = user.Id;
        if (FieldErrors.Clean(search.Text) is { } q)
        {
            query = query.Where(m => m.AltText.Contains(q) || (m.Caption != null && m.Caption.Contains(q))
                || (m.CreditText != null && m.CreditText.Contains(q)) || (m.CreditContributor != null && m.CreditContributor.Name.Contains(q))
                || db.Units.Any(u => u.LogoMediaId == m.Id && (u.Name.Contains(q) || u.ShortName.Contains(q)))
                || db.ArticlePhotos.Any(p => p.MediaId == m.Id
                    && (editor || p.Article!.Status == ArticleStatus.Published || p.Article.AuthorId == me)
                    && p.Article!.Units.Any(u => u.Unit!.Name.Contains(q) || u.Unit.ShortName.Contains(q))));
        }
        if (search.Date is { } day)
        {
            var from = ChinaTime.ToUtc(day.ToDateTime(TimeOnly.MinValue));
            var to = from.AddDays(1);
            query = query.Where(m => (m.CreatedAt >= from && m.CreatedAt < to)
                || db.ArticlePhotos.Any(p => p.MediaId == m.Id && p.Article!.Status == ArticleStatus.Published
                    && ((p.Article.PublishedAt >= from && p.Article.PublishedAt < to)
                        || (p.Article.EditionPage != null && p.Article.EditionPage.Edition!.Date == day))));
        }
        return Tiles(query.OrderByDescending(m => m.Id)).ToPagedListAsync(page, PickerPageSize, cancellationToken);
    }

    /// <summary>
    /// The photos of a story's photo area, in the order given (unknown ids left out), each with whether this member
    /// may correct its details (<see cref="MayEditAsync"/>).
    /// </summary>
    public async Task<IReadOnlyList<PhotoAreaItem>> PhotoAreaAsync(IEnumerable<int> ids, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(user);
        var wanted = ids.Where(id => id > 0).Distinct().Take(MaxPhotoAreaItems).ToList();
        var tiles = await Tiles(db.Media.Where(m => wanted.Contains(m.Id))).ToListAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<PhotoAreaItem>();
        foreach (var id in wanted)
        {
            if (tiles.FirstOrDefault(t => t.Id == id) is { } tile)
            {
                items.Add(new(tile, await MayEditAsync(id, user, cancellationToken).ConfigureAwait(false)));
            }
        }
        return items;
    }

    private IQueryable<PickerTile> Tiles(IQueryable<MediaItem> media) =>
        media.Select(m => new PickerTile(m.Id, m.AltText, m.Caption,
            m.CreditContributor != null ? m.CreditContributor.Name : m.CreditText, m.CreditContributorId, m.CreditKind, m.Width, m.Height, m.CreatedAt,
            db.ArticlePhotos.Count(p => p.MediaId == m.Id) + db.FeaturePhotos.Count(p => p.MediaId == m.Id), m.Version));

    /// <summary>A photo opened for editing, or null when there is no such photo.</summary>
    public async Task<MediaDetails?> OpenAsync(int id, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var item = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            return null;
        }
        var renditions = await db.MediaVariants.Where(v => v.MediaId == id).OrderBy(v => v.Id)
            .Select(v => new RenditionRow(v.Name, v.ContentType, v.Width, v.Height, v.Data.Length))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var uses = await UsesAsync(id, cancellationToken).ConfigureAwait(false);
        var listed = await ListableAsync(uses, user, cancellationToken).ConfigureAwait(false);
        return new(id, MediaInput.From(item), item.ContentType, item.Width, item.Height, item.ByteSize, item.CreatedAt,
            renditions, listed, user.IsEditor && uses.Count == 0, uses.Count - listed.Count);
    }

    /// <summary>
    /// The uses this member may see by title: everything for editors; otherwise published stories and features,
    /// units, and the member's own stories. Titles of colleagues' unpublished work stay with them and the desk.
    /// </summary>
    private async Task<IReadOnlyList<MediaUse>> ListableAsync(IReadOnlyList<MediaUse> uses, NewsroomUser user, CancellationToken cancellationToken)
    {
        if (user.IsEditor)
        {
            return uses;
        }
        var articleIds = uses.Where(u => u.Kind == MediaUseKind.Article).Select(u => u.Id).ToList();
        var authors = await db.Articles.Where(a => articleIds.Contains(a.Id)).Select(a => new { a.Id, a.AuthorId })
            .ToDictionaryAsync(a => a.Id, a => a.AuthorId, cancellationToken).ConfigureAwait(false);
        var featureIds = uses.Where(u => u.Kind == MediaUseKind.Feature).Select(u => u.Id).ToList();
        var publishedFeatures = await db.Features.Where(f => featureIds.Contains(f.Id) && f.IsPublished).Select(f => f.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. uses.Where(u => u.Kind switch
        {
            MediaUseKind.Article => u.Status == ArticleStatus.Published || NewsroomPermissions.CanView(user, authors.GetValueOrDefault(u.Id)),
            MediaUseKind.Feature => publishedFeatures.Contains(u.Id),
            _ => true,
        })];
    }

    /// <summary>The credit select's contributors.</summary>
    public Task<List<Choice>> ContributorChoicesAsync(CancellationToken cancellationToken = default) => db.ContributorChoicesAsync(cancellationToken);

    /// <summary>
    /// Someone saved the photo's details after this editor loaded them. Nothing is written: the result carries what is
    /// saved now (with its Version, so saving again is a deliberate choice made with both versions in view).
    /// </summary>
    private async Task<MediaSaveResult> ConflictAsync(int id, CancellationToken cancellationToken)
    {
        var saved = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken).ConfigureAwait(false);
        if (saved is null)
        {
            return new(SaveOutcome.NotFound);
        }
        var by = await db.AuditEntries.Where(a => a.EntityType == "Media" && a.EntityId == id.ToString(CultureInfo.InvariantCulture))
            .OrderByDescending(a => a.Id).Select(a => a.UserName).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var errors = new FieldErrors();
        errors.Add(string.Empty, "保存未成功：您编辑期间，这张图片的信息已被他人修改并保存。您的输入仍保留在下方，旁边是目前已保存的内容。请核对后再次保存，再次保存将以您的版本为准。");
        return new(SaveOutcome.Conflict, id, errors, MediaInput.From(saved), by);
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

    private async Task<FieldErrors> ValidateAsync(MediaInput metadata, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var alt = metadata.AltText?.Trim();
        if (string.IsNullOrEmpty(alt))
        {
            errors.Add("AltText", "请填写替代文字：用一句话说明图片内容，供读屏软件朗读，图片无法显示时也会显示它。");
        }
        else if (alt.Length > AltMaxLength)
        {
            errors.Add("AltText", $"替代文字不超过 {AltMaxLength} 字。");
        }
        if (metadata.Caption?.Trim().Length > CaptionMaxLength)
        {
            errors.Add("Caption", $"图片说明不超过 {CaptionMaxLength} 字。");
        }
        var text = metadata.CreditText?.Trim();
        if (metadata.CreditContributorId is null && text?.Length > CreditMaxLength)
        {
            errors.Add("CreditText", $"署名不超过 {CreditMaxLength} 字。");
        }
        if (metadata.CreditContributorId is { } contributorId)
        {
            if (!string.IsNullOrEmpty(text))
            {
                errors.Add("CreditText", "署名请在作者列表和手工填写中二选一。");
            }
            else if (!await db.Contributors.AnyAsync(c => c.Id == contributorId, cancellationToken).ConfigureAwait(false))
            {
                errors.Add("CreditContributorId", "所选作者不存在。");
            }
        }
        if (!Enum.IsDefined(metadata.CreditKind))
        {
            errors.Add("CreditKind", "请选择“摄”或“供图”。");
        }
        return errors;
    }

    private static void Apply(MediaItem item, MediaInput metadata)
    {
        static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        item.AltText = metadata.AltText!.Trim();
        item.Caption = Clean(metadata.Caption);
        item.CreditContributorId = metadata.CreditContributorId;
        item.CreditText = metadata.CreditContributorId is null ? Clean(metadata.CreditText) : null;
        item.CreditKind = metadata.CreditKind;
    }
}
