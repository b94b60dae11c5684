using CivilizationNews.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Reading;

public sealed record MediaFile(string ContentType, byte[] Data);

/// <summary>Serves stored image renditions by media id and rendition name.</summary>
public sealed class MediaReader(NewsDbContext db)
{
    public Task<MediaFile?> GetAsync(int mediaId, string name, CancellationToken cancellationToken = default) =>
        db.MediaVariants.Where(v => v.MediaId == mediaId && v.Name == name)
            .Select(v => new MediaFile(v.ContentType, v.Data))
            .FirstOrDefaultAsync(cancellationToken);
}
