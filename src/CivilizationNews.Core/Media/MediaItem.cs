using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;

namespace CivilizationNews.Core.Media;

/// <summary>How a photo is credited: "郭朝辉 摄" or "市中心医院供图".</summary>
public enum CreditKind
{
    Photographed = 1,
    Provided = 2,
}

/// <summary>An image in the media library, reusable across stories.</summary>
public class MediaItem : IVersioned
{
    public int Id { get; set; }
    public required string AltText { get; set; }
    public string? Caption { get; set; }
    public int? CreditContributorId { get; set; }
    public Contributor? CreditContributor { get; set; }
    /// <summary>Free-text credit (a person or an organisation) when there is no contributor.</summary>
    public string? CreditText { get; set; }
    public CreditKind CreditKind { get; set; } = CreditKind.Photographed;
    public required string ContentType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long ByteSize { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public Guid Version { get; set; }
    public List<MediaVariant> Variants { get; set; } = [];
}

/// <summary>
/// The stored bytes of one rendition of an image (original, or a resized WebP/JPEG).
/// Bytes live in the database so that every app instance serves the same files without a shared disk.
/// </summary>
public class MediaVariant
{
    public int Id { get; set; }
    public int MediaId { get; set; }
    public MediaItem? Media { get; set; }
    /// <summary>"original", or "w480", "w960" …</summary>
    public required string Name { get; set; }
    public required string ContentType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public required byte[] Data { get; set; }
}

public static class MediaCredits
{
    /// <summary>"郭朝辉 摄" or "市中心医院供图", as the paper prints it.</summary>
    public static string? Format(string? credit, CreditKind kind) =>
        string.IsNullOrWhiteSpace(credit) ? null
        : kind == CreditKind.Provided ? $"{credit.Trim()}供图"
        : $"{credit.Trim()} 摄";
}
