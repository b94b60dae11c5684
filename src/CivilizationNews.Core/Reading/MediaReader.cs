using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Reading;

public sealed record MediaFile(string ContentType, byte[] Data);

/// <summary>
/// Serves stored image renditions by media id and rendition name. The public address answers only
/// for an image that something public shows — a published story, a published feature or a unit's
/// logo — so uploads for drafts stay inside the newsroom, whose pages read them through
/// <see cref="GetAsync"/> behind the admin's authorization.
/// </summary>
public sealed class MediaReader(NewsDbContext db, TimeProvider clock)
{
    /// <summary>Any stored rendition: for the newsroom only.</summary>
    public Task<MediaFile?> GetAsync(int mediaId, string name, CancellationToken cancellationToken = default) =>
        db.MediaVariants.Where(v => v.MediaId == mediaId && v.Name == name)
            .Select(v => new MediaFile(v.ContentType, v.Data))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The rendition when the image is in public use now; null otherwise (the reader gets a 404).</summary>
    public Task<MediaFile?> GetPublicAsync(int mediaId, string name, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var published = db.Articles.PublishedAt(now);
        return db.MediaVariants
            .Where(v => v.MediaId == mediaId && v.Name == name)
            .Where(v => db.ArticlePhotos.Any(p => p.MediaId == mediaId && published.Any(a => a.Id == p.ArticleId))
                || db.FeaturePhotos.Any(p => p.MediaId == mediaId && p.Feature!.IsPublished)
                || db.Units.Any(u => u.LogoMediaId == mediaId))
            .Select(v => new MediaFile(v.ContentType, v.Data))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
