using CivilizationNews.Core.Content;
using CivilizationNews.Core.Media;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Time;
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
public sealed partial class MediaController(MediaLibrary library, MediaReader files, RemoteImageFetcher fetcher, ILogger<MediaController> logger) : AdminController
{
    /// <summary>The alt text of a picture the story editor brought in, until someone writes a real one.</summary>
    public const string PendingAltText = AltTexts.Pending;

    /// <summary>Pictures one paste may name: a long WeChat article has a few dozen.</summary>
    public const int MaxRemoteImages = 40;

    /// <summary>How long one paste's pictures may take to fetch, all together.</summary>
    public static readonly TimeSpan RemoteBudget = TimeSpan.FromSeconds(90);

    public const string OutOfTimeMessage = "下载图片用时过长，未能导入，请另存后上传。";

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

    /// <summary>
    /// The story editor's upload (a picture dropped or pasted into the body, or taken with the phone's
    /// camera): the same checks as the upload page, answered as JSON for the editor's progress bar.
    /// </summary>
    [HttpPost("editor-upload"), EnableRateLimiting(RateLimits.Upload)]
    [RequestSizeLimit(UploadRequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadRequestLimit)]
    public async Task<IActionResult> EditorUpload(IFormFile? file, string? alt, CancellationToken cancellationToken)
    {
        MediaSaveResult result;
        var stream = file?.OpenReadStream();
        await using (stream)
        {
            result = await library.UploadAsync(stream, file?.Length ?? 0, Pending(alt), CurrentUser, cancellationToken);
        }
        return EditorResult(result, "upload");
    }

    /// <summary>
    /// Pictures named in pasted HTML (Word, WPS, WeChat, web pages) are fetched by the server into the
    /// library, never hot-linked. Each answer says which address became which library image, or why not.
    /// </summary>
    [HttpPost("import-remote"), EnableRateLimiting(RateLimits.Upload)]
    public async Task<IActionResult> ImportRemote([FromForm] string[]? url, [FromForm] string[]? alt, CancellationToken cancellationToken)
    {
        var urls = url ?? [];
        if (urls.Length > MaxRemoteImages)
        {
            return BadRequest(new { error = $"一次最多导入 {MaxRemoteImages} 张图片。" });
        }
        var results = new List<object>();
        // One paste's pictures share a time budget, so a slow site cannot hold the request for minutes.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(RemoteBudget);
        for (var i = 0; i < urls.Length; i++)
        {
            RemoteImage fetched;
            try
            {
                fetched = budget.IsCancellationRequested ? RemoteImage.Refuse(OutOfTimeMessage) : await fetcher.FetchAsync(urls[i], budget.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                fetched = RemoteImage.Refuse(OutOfTimeMessage);
            }
            if (fetched.Data is null)
            {
                LogRemoteRefused(logger, CurrentUser.Name, urls[i], fetched.Error);
                results.Add(new { url = urls[i], error = fetched.Error });
                continue;
            }
            var saved = await library.UploadAsync(fetched.Data, Pending(alt is not null && i < alt.Length ? alt[i] : null), CurrentUser, cancellationToken);
            if (saved.Outcome == SaveOutcome.Saved)
            {
                LogEditorImage(logger, saved.MediaId, CurrentUser.Name, "remote");
                results.Add(new { url = urls[i], id = saved.MediaId, thumb = Url.AdminPhoto(saved.MediaId), edit = Url.Action(nameof(Edit), new { id = saved.MediaId }) });
            }
            else
            {
                LogRemoteRefused(logger, CurrentUser.Name, urls[i], saved.FirstError);
                results.Add(new { url = urls[i], error = saved.FirstError });
            }
        }
        return Json(new { images = results });
    }

    private static MediaInput Pending(string? alt)
    {
        var text = alt?.Trim();
        return new MediaInput { AltText = string.IsNullOrEmpty(text) || text.Length > MediaLibrary.AltMaxLength ? PendingAltText : text };
    }

    private JsonResult EditorResult(MediaSaveResult result, string how)
    {
        if (result.Outcome == SaveOutcome.Saved)
        {
            LogEditorImage(logger, result.MediaId, CurrentUser.Name, how);
            return Json(new { id = result.MediaId, thumb = Url.AdminPhoto(result.MediaId), edit = Url.Action(nameof(Edit), new { id = result.MediaId }) });
        }
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Json(new { error = result.FirstError ?? "图片未能上传。" });
    }

    [LoggerMessage(EventId = 5470, Level = LogLevel.Information, Message = "Image {MediaId} added to the library from the story editor by {User} ({How})")]
    private static partial void LogEditorImage(ILogger logger, int mediaId, string user, string how);

    [LoggerMessage(EventId = 5471, Level = LogLevel.Information, Message = "Pasted image not imported for {User}: {Url} {Reason}")]
    private static partial void LogRemoteRefused(ILogger logger, string user, string url, string? reason);

    /// <summary>
    /// The story editor's 从图片库选择: a page of the library as JSON, searched by alt text, caption, credit and unit
    /// (<paramref name="q"/>) and by a China date (<paramref name="date"/>). Any newsroom member, as the library grid.
    /// </summary>
    [HttpGet("search")]
    public async Task<IActionResult> Search(string? q, string? date, string? page, CancellationToken cancellationToken)
    {
        var found = await library.SearchAsync(new MediaSearch(q, MediaSearch.ParseDate(date)), CurrentUser, Paging.PageNumber(page), cancellationToken);
        return Json(new { items = found.Items.Select(t => TileJson(t, null)), page = found.Page, pageCount = found.PageCount, total = found.TotalCount });
    }

    /// <summary>The story editor's photo area: the photos of a typed or saved list of ids, in that order, with whether this member may correct them.</summary>
    [HttpGet("photo-area")]
    public async Task<IActionResult> PhotoArea(string? ids, CancellationToken cancellationToken)
    {
        var wanted = (ids ?? string.Empty).Split([',', '，', ' ', '、'], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : 0)
            .Where(id => id > 0);
        var items = await library.PhotoAreaAsync(wanted, CurrentUser, cancellationToken);
        return Json(new { items = items.Select(i => TileJson(i.Tile, i.CanEdit)) });
    }

    /// <summary>
    /// Alt text, caption and credit corrected beside the thumbnail in the story editor: the same
    /// <see cref="MediaLibrary.UpdateAsync"/> as the image's own page (its checks, permission, audit entry and
    /// Version), answered as JSON. The story form is not involved: a photo is shared by every story that uses it.
    /// </summary>
    [HttpPost("{id:int:min(1)}/details")]
    public async Task<IActionResult> Details(int id, MediaInput form, CancellationToken cancellationToken)
    {
        var result = await library.UpdateAsync(id, form, CurrentUser, cancellationToken);
        if (result.Outcome == SaveOutcome.NotFound)
        {
            return NotFound(new { error = "图片库中没有这张图片。" });
        }
        if (result.Outcome != SaveOutcome.Saved)
        {
            LogPhotoDetailsRefused(logger, id, CurrentUser.Name, result.Outcome);
        }
        var area = await library.PhotoAreaAsync([id], CurrentUser, cancellationToken);
        var current = area.Count > 0 ? area[0] : null;
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                LogPhotoDetailsSaved(logger, id, CurrentUser.Name);
                return Json(new { item = current is null ? null : TileJson(current.Tile, current.CanEdit) });
            case SaveOutcome.Conflict:
                // Nothing written: the answer carries what is saved now and its Version, so saving again is a deliberate choice.
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Json(new { error = result.FirstError, savedBy = result.SavedBy, saved = current is null ? null : TileJson(current.Tile, current.CanEdit) });
            case SaveOutcome.Forbidden:
                Response.StatusCode = StatusCodes.Status403Forbidden;
                return Json(new { error = result.FirstError });
            default:
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return Json(new
                {
                    error = result.FirstError ?? "图片信息未能保存。",
                    errors = result.Errors?.All.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.First().Message),
                });
        }
    }

    private object TileJson(PickerTile t, bool? canEdit) => new
    {
        id = t.Id, thumb = Url.AdminPhoto(t.Id), edit = Url.Action(nameof(Edit), new { id = t.Id }),
        alt = t.Alt, altMissing = t.AltMissing, caption = t.Caption, credit = t.Credit, creditContributorId = t.CreditContributorId,
        creditKind = (int)t.CreditKind, creditLine = MediaCredits.Format(t.Credit, t.CreditKind), width = t.Width, height = t.Height,
        date = ChinaTime.FormatShortDate(DateOnly.FromDateTime(ChinaTime.ToChina(t.CreatedAt))), uses = t.Uses, version = t.Version, canEdit,
    };

    [LoggerMessage(EventId = 5490, Level = LogLevel.Information, Message = "Photo {MediaId} details saved from the story editor by {User}")]
    private static partial void LogPhotoDetailsSaved(ILogger logger, int mediaId, string user);

    [LoggerMessage(EventId = 5491, Level = LogLevel.Information, Message = "Photo {MediaId} details not saved from the story editor for {User}: {Outcome}")]
    private static partial void LogPhotoDetailsRefused(ILogger logger, int mediaId, string user, SaveOutcome outcome);

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
