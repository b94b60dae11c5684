using CivilizationNews.Core.Content;
using CivilizationNews.Core.Media;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Validation;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 图片库: every newsroom member may upload and reuse images; only editors delete. Every read and write goes
/// through <see cref="MediaLibrary"/>. Uploads are checked by content (see <see cref="ImageUploadValidator"/>);
/// a refused upload stores nothing and says why in Chinese. A stale edit answers 409 beside what is saved now.
/// </summary>
[Route("admin/media")]
public sealed class MediaController(MediaLibrary library, MediaReader files) : AdminController
{
    /// <summary>
    /// The request may be a little larger than the file limit (the other form fields, multipart framing),
    /// so that a file just over 10 MB reaches the action and is refused with the Chinese message.
    /// </summary>
    public const long UploadRequestLimit = ImageUploadValidator.MaxBytes + 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? page, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "图片库";
        var tiles = await library.ListAsync(q, Paging.PageNumber(page), cancellationToken);
        return View(new MediaListPage(tiles, FieldErrors.Clean(q)));
    }

    [HttpGet("upload")]
    public async Task<IActionResult> Upload(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "上传图片";
        return View(new MediaUploadPage(new MediaInput(), await library.ContributorChoicesAsync(cancellationToken)));
    }

    [HttpPost("upload"), EnableRateLimiting(RateLimits.Upload)]
    [RequestSizeLimit(UploadRequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadRequestLimit)]
    [OversizedUploadGuard]
    public async Task<IActionResult> Upload(MediaUploadForm form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "上传图片";
        MediaSaveResult result;
        var stream = form.File?.OpenReadStream();
        await using (stream)
        {
            result = await library.UploadAsync(stream, form.File?.Length ?? 0, form, CurrentUser, cancellationToken);
        }
        if (result.Outcome == SaveOutcome.Saved)
        {
            Flash("图片已上传，可以在稿件和专题中使用。");
            return RedirectToAction(nameof(Edit), new { id = result.MediaId });
        }
        ShowErrors(result.Errors);
        return View(new MediaUploadPage(form, await library.ContributorChoicesAsync(cancellationToken)));
    }

    [HttpGet("{id:int:min(1)}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        if (await library.OpenAsync(id, CurrentUser, cancellationToken) is not { } details)
        {
            return NotFound();
        }
        ViewData["Title"] = $"图片 #{id}";
        return View(new MediaEditPage(details.Input, details, await library.ContributorChoicesAsync(cancellationToken)));
    }

    [HttpPost("{id:int:min(1)}")]
    public async Task<IActionResult> Edit(int id, MediaInput form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = $"图片 #{id}";
        var result = await library.UpdateAsync(id, form, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                Flash("图片信息已保存。");
                return RedirectToAction(nameof(Edit), new { id });
            case SaveOutcome.NotFound:
                return NotFound();
        }
        ShowErrors(result.Errors);
        if (await library.OpenAsync(id, CurrentUser, cancellationToken) is not { } details)
        {
            return NotFound();
        }
        var contributors = await library.ContributorChoicesAsync(cancellationToken);
        if (result.Outcome == SaveOutcome.Forbidden)
        {
            // Nothing was saved: the page shows why, with the saved details unchanged.
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return View(new MediaEditPage(details.Input, details, contributors));
        }
        if (result.Outcome == SaveOutcome.Conflict)
        {
            // The editor's input stays; the form now carries the saved Version, so saving again is deliberate.
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View(new MediaEditPage(form with { Version = result.Saved!.Version }, details, contributors, result.Saved, result.SavedBy));
        }
        return View(new MediaEditPage(form, details, contributors));
    }

    /// <summary>
    /// Any stored rendition for the newsroom's own pages (thumbnails of drafts' photos included), never kept
    /// by a browser or proxy: the public address answers only for images in public use.
    /// </summary>
    [HttpGet("{id:int:min(1)}/file/{name}")]
    public async Task<IActionResult> Rendition(int id, string name, CancellationToken cancellationToken)
    {
        if (!ImageProcessor.IsRenditionName(name) || await files.GetAsync(id, name, cancellationToken) is not { } file)
        {
            return NotFound();
        }
        // Every admin response is "private, no-store" (SecurityHeaders).
        return File(file.Data, file.ContentType);
    }

    /// <summary>Only editors delete (the library refuses others), and only images nothing uses.</summary>
    [HttpPost("{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        var result = await library.DeleteAsync(id, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                Flash($"已删除图片 #{id}。");
                return RedirectToAction(nameof(Index));
            case SaveOutcome.Forbidden:
                return Forbid();
            case SaveOutcome.NotFound:
                return NotFound();
            default:
                FlashError(result.FirstError ?? "图片未删除。");
                return RedirectToAction(nameof(Edit), new { id });
        }
    }
}

/// <summary>A photo over the upload limit: the Chinese "too large" message on the upload page.</summary>
public sealed class OversizedUploadGuardAttribute : OversizedFormGuardAttribute
{
    protected override string Message => ImageUploadValidator.TooLargeMessage;

    protected override string RedirectTo => "/admin/media/upload";
}
