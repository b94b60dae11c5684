using CivilizationNews.Core.Content;
using CivilizationNews.Core.Media;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>The upload form: the file and what the editor types about it. The file's name and Content-Type are ignored: the bytes decide.</summary>
public sealed record MediaUploadForm : MediaInput
{
    public IFormFile? File { get; set; }
}

/// <summary>A page with the photo fields (so that asp-for names them AltText, CreditKind as posted) and the credit select's contributors.</summary>
public abstract record MediaFormPage : MediaInput
{
    protected MediaFormPage(MediaInput form, IReadOnlyList<Choice> contributors)
        : base(form)
    {
        Contributors = contributors;
    }

    public IReadOnlyList<Choice> Contributors { get; }
}

/// <summary>The upload page. The alt text, caption and credit typed are kept after a refusal; only the file must be chosen again.</summary>
public sealed record MediaUploadPage : MediaFormPage
{
    public MediaUploadPage(MediaInput form, IReadOnlyList<Choice> contributors)
        : base(form, contributors)
    {
    }
}

/// <summary>A photo's page. <see cref="Saved"/> is set after a save over someone else's newer one: what is saved now, shown beside the kept form.</summary>
public sealed record MediaEditPage : MediaFormPage
{
    public MediaEditPage(MediaInput form, MediaDetails details, IReadOnlyList<Choice> contributors, MediaInput? saved = null, string? savedBy = null)
        : base(form, contributors)
    {
        Details = details;
        Saved = saved;
        SavedBy = savedBy;
    }

    public MediaDetails Details { get; }

    public MediaInput? Saved { get; }

    public string? SavedBy { get; }
}

public sealed record MediaListPage(PagedList<MediaTile> Tiles, string? Query);

/// <summary>
/// The newsroom's address of an image rendition (<see cref="Controllers.MediaController.Rendition"/>): it
/// answers for drafts' photos too, where the public /media address answers only for images in public use.
/// </summary>
public static class AdminPhotoUrls
{
    public static string AdminPhoto(this IUrlHelper url, int mediaId, string rendition = "w480.jpg") =>
        url.Action(nameof(Controllers.MediaController.Rendition), "Media", new { area = "Admin", id = mediaId, name = rendition })
        ?? throw new InvalidOperationException("The admin image route is not registered.");
}
