using CivilizationNews.Core.Media;

namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>The upload form. The file's name and Content-Type are ignored: the bytes decide.</summary>
public sealed class MediaUploadForm
{
    public IFormFile? File { get; set; }
    public string? AltText { get; set; }
    public string? Caption { get; set; }
    public int? CreditContributorId { get; set; }
    public string? CreditText { get; set; }
    public CreditKind CreditKind { get; set; } = CreditKind.Photographed;

    public MediaMetadata ToMetadata() => new(AltText, Caption, CreditContributorId, CreditText, CreditKind);
}

public sealed class MediaEditForm
{
    public string? AltText { get; set; }
    public string? Caption { get; set; }
    public int? CreditContributorId { get; set; }
    public string? CreditText { get; set; }
    public CreditKind CreditKind { get; set; } = CreditKind.Photographed;
    public Guid Version { get; set; }

    public MediaMetadata ToMetadata() => new(AltText, Caption, CreditContributorId, CreditText, CreditKind);
}

public sealed record MediaTileView(int Id, string Alt, string? Caption, string? Credit, CreditKind CreditKind, int Width, int Height, int Uses);

public sealed record MediaListPage(IReadOnlyList<MediaTileView> Items, string? Query, int Page, int PageCount, int Total);

public sealed record MediaUploadPage(MediaUploadForm Form, IReadOnlyList<ChoiceOption> Contributors);

public sealed record RenditionView(string Name, string ContentType, int Width, int Height, long Bytes);

public sealed record MediaEditPage(
    int Id, MediaEditForm Form, string ContentType, int Width, int Height, long ByteSize, DateTime CreatedAt,
    IReadOnlyList<RenditionView> Renditions, IReadOnlyList<MediaUse> Uses, IReadOnlyList<ChoiceOption> Contributors, bool CanDelete);
