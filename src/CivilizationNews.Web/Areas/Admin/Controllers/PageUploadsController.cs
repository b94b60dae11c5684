using System.Globalization;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Importing;
using CivilizationNews.Core.Media;
using CivilizationNews.Core.Time;
using CivilizationNews.Core.Validation;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 上传版面: an editor uploads the day's page PDFs (one per page, several at once, or one multi-page PDF, with the
/// page images the layout system exported beside them if the server cannot draw PDFs); each page is read and drawn
/// in the background, then reviewed on the 导入版面 review screen beside its page image and created in one step,
/// becoming its edition page's facsimile. See docs/importing.md.
/// </summary>
[Route("admin/pages")]
[Authorize(Policy = NewsroomSetup.EditorPolicy)]
public sealed partial class PageUploadsController(FacsimileDesk desk, PageImportDesk import, FacsimileQueueSignal queue, TimeProvider clock,
    ILogger<PageUploadsController> logger) : AdminController
{
    /// <summary>One request carries at most this much: a day's pages at a few megabytes each, with room to spare.</summary>
    public const long UploadRequestLimit = 300L * 1024 * 1024;

    public const string TooLargeMessage = "一次上传的文件合计不能超过 300 MB，请分批上传。";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return await ShowAsync(new PageUploadForm { Date = today }, null, cancellationToken);
    }

    [HttpPost(""), EnableRateLimiting(RateLimits.Import)]
    [RequestSizeLimit(UploadRequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadRequestLimit)]
    [PageUploadOversizeGuard]
    public async Task<IActionResult> Upload(PageUploadForm form, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(form.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || date.Year < 1949 || date > ChinaTime.Today(clock.GetUtcNow().UtcDateTime).AddYears(1))
        {
            return await RefuseAsync(form, "请填写出版日期（如 2021-12-10）。", cancellationToken);
        }
        if (form.SectionId is not { } sectionId)
        {
            return await RefuseAsync(form, "请选择栏目。", cancellationToken);
        }
        var streams = form.Files.Select(f => (File: f, Stream: f.OpenReadStream())).ToList();
        FacsimileUploadResult result;
        try
        {
            result = await desk.UploadAsync(date, sectionId,
                streams.Select(s => new FacsimileUploadFile(s.File.FileName, s.File.Length, s.Stream)).ToList(), CurrentUser, cancellationToken);
        }
        finally
        {
            foreach (var (_, stream) in streams)
            {
                await stream.DisposeAsync();
            }
        }
        if (result.Outcome != SaveOutcome.Saved)
        {
            return await RefuseAsync(form, result.Message!, cancellationToken);
        }
        queue.Wake();
        Flash($"已上传 {result.Keys.Count} 个版面，正在读取文字、生成版面图。");
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The uploads' states, for the list's script to follow processing without reloading.</summary>
    [HttpGet("status")]
    public async Task<IActionResult> Status(CancellationToken cancellationToken)
    {
        var rows = await desk.ListAsync(null, cancellationToken);
        return Json(rows.Select(r => new PageUploadState(r.Key.ToString("N"), r.Status.ToString(), StatusLabel(r.Status), r.Note, r.PageNumber, r.PageName, r.Stories)));
    }

    /// <summary>The review screen for a page read from its PDF, with the page image and the proposed regions.</summary>
    [HttpGet("{key:guid}")]
    public async Task<IActionResult> Review(Guid key, CancellationToken cancellationToken)
    {
        if (await desk.ForReviewAsync(key, cancellationToken) is not { } page)
        {
            FlashError(FacsimileDesk.GoneMessage);
            return RedirectToAction(nameof(Index));
        }
        if (!page.HasTextLayer || await desk.PdfForReviewAsync(key, cancellationToken) is not { } pdf)
        {
            // Nothing to propose: the page can only be put on its edition page as an image.
            FlashError(FacsimileDesk.NoTextNote);
            return RedirectToAction(nameof(Index));
        }
        var target = new ImportReviewInput
        {
            Date = page.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), PageNumber = page.PageNumber.ToString(CultureInfo.InvariantCulture),
            PageName = page.PageName, SectionId = page.SectionId, Batch = Guid.NewGuid().ToString("N"), Facsimile = key,
        };
        ImportParseResult parsed;
        using (var stream = new MemoryStream(pdf))
        {
            parsed = await import.ParseAsync(target, null, new ImportFile(stream, pdf.Length), cancellationToken);
        }
        if (parsed.Outcome != SaveOutcome.Saved)
        {
            FlashError(parsed.Message ?? FacsimileDesk.GoneMessage);
            return RedirectToAction(nameof(Index));
        }
        var review = target with { Source = parsed.Text, SourceEncoding = parsed.Encoding };
        ViewData["Title"] = "核对版面";
        return View("~/Areas/Admin/Views/Import/Review.cshtml",
            new ImportReviewPage(review, await import.ReviewAsync(review, parsed.Proposal!, cancellationToken)) { PageImage = page });
    }

    /// <summary>A rendition of an uploaded page's image, for the newsroom only.</summary>
    [HttpGet("{key:guid}/image/{name}")]
    public async Task<IActionResult> Image(Guid key, string name, CancellationToken cancellationToken)
    {
        if (!ImageProcessor.IsRenditionName(name) || await desk.ImageAsync(key, name, cancellationToken) is not { } file)
        {
            return NotFound();
        }
        return File(file.Data, file.ContentType);
    }

    /// <summary>Puts a page with no stories to create (a scanned page) on its edition page as an image.</summary>
    [HttpPost("{key:guid}/attach")]
    public async Task<IActionResult> Attach(Guid key, [FromForm] string? pageNumber, [FromForm] string? pageName, CancellationToken cancellationToken)
    {
        if (!int.TryParse(pageNumber?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 999)
        {
            FlashError("版次请填写 1–999 的数字。");
            return RedirectToAction(nameof(Index));
        }
        if (FieldErrors.Clean(pageName) is { Length: > 50 })
        {
            FlashError("版名不超过 50 字。");
            return RedirectToAction(nameof(Index));
        }
        if (await desk.AttachImageOnlyAsync(key, number, FieldErrors.Clean(pageName), CurrentUser, cancellationToken) is not { } editionId)
        {
            FlashError(FacsimileDesk.GoneMessage);
            return RedirectToAction(nameof(Index));
        }
        LogAttached(logger, CurrentUser.Name, key, number);
        Flash(string.Create(CultureInfo.InvariantCulture, $"第{number}版的版面图已放到版面上。"));
        return RedirectToAction("Edit", "Editions", new { id = editionId });
    }

    [HttpPost("{key:guid}/discard")]
    public async Task<IActionResult> Discard(Guid key, CancellationToken cancellationToken)
    {
        if (await desk.DiscardAsync(key, CurrentUser, cancellationToken))
        {
            Flash("已删除这个上传的版面。");
        }
        else
        {
            FlashError("这个版面已放到版面上或已删除，无需再删。");
        }
        return RedirectToAction(nameof(Index));
    }

    public static string StatusLabel(FacsimileStatus status) => status switch
    {
        FacsimileStatus.Pending => "处理中",
        FacsimileStatus.Ready => "待核对",
        FacsimileStatus.Failed => "未能处理",
        _ => "已上版",
    };

    private async Task<IActionResult> ShowAsync(PageUploadForm form, string? error, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "上传版面";
        var uploads = await desk.ListAsync(null, cancellationToken);
        return View("Index", new PageUploadPage(form, await import.SectionChoicesAsync(cancellationToken), uploads,
            uploads.Any(u => u.Status == FacsimileStatus.Pending), error));
    }

    private async Task<IActionResult> RefuseAsync(PageUploadForm form, string message, CancellationToken cancellationToken)
    {
        LogRefused(logger, CurrentUser.Name, message);
        return await ShowAsync(form with { Files = [] }, message, cancellationToken);
    }

    [LoggerMessage(EventId = 5235, Level = LogLevel.Information, Message = "Page upload by {User} refused: {Message}")]
    private static partial void LogRefused(ILogger logger, string user, string message);

    [LoggerMessage(EventId = 5236, Level = LogLevel.Information, Message = "{User} put uploaded page {Key} on page {Page} as an image")]
    private static partial void LogAttached(ILogger logger, string user, Guid key, int page);
}

/// <summary>An upload over the request limit: a Chinese message on the upload page.</summary>
public sealed class PageUploadOversizeGuardAttribute : OversizedFormGuardAttribute
{
    protected override string Message => PageUploadsController.TooLargeMessage;

    protected override string RedirectTo => "/admin/pages";
}
