using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Importing;
using CivilizationNews.Core.Validation;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 导入版面: paste or upload a print page's text, review the proposed stories beside the text, and
/// create them all as drafts in one step. Editors only: one click creates a whole page of stories
/// (and a feature), which is placement work, not a reporter's own draft.
/// The review state lives in the page (IMPORT-FORMAT JSON in a hidden field) and is validated again
/// when posted; the server keeps nothing between requests. See docs/importing.md.
/// </summary>
[Route("admin/import")]
[Authorize(Policy = NewsroomSetup.EditorPolicy)]
public sealed partial class ImportController(PageImportDesk desk, FacsimileDesk facsimiles, ILogger<ImportController> logger) : AdminController
{
    /// <summary>The page's PDF (50 MB; a text file may be 5 MB) plus room for the other fields and the multipart framing.</summary>
    public const long UploadRequestLimit = PrintPageImporter.MaxPdfBytes + 1024 * 1024;

    /// <summary>The review form carries the proposal and the page text: twice the page, plus escaping and fields.</summary>
    public const long ReviewRequestLimit = 3L * PrintPageImporter.MaxBytes + 1024 * 1024;

    public const string ReviewTooLargeMessage = "提交的内容太大，请重新导入这一版。";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "导入版面";
        var form = new ImportUploadForm { Date = desk.Today(), PageNumber = "1" };
        return View(new ImportUploadPage(form, await desk.SectionChoicesAsync(cancellationToken)));
    }

    [HttpPost(""), EnableRateLimiting(RateLimits.Import)]
    [RequestSizeLimit(UploadRequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadRequestLimit, ValueLengthLimit = (int)UploadRequestLimit)]
    [ImportOversizeGuard(ForReview = false)]
    public async Task<IActionResult> Upload(ImportUploadForm form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "导入版面";
        ShowErrors(null);
        ImportParseResult parsed;
        var stream = form.File?.OpenReadStream();
        await using (stream)
        {
            parsed = await desk.ParseAsync(form, form.Text, stream is null ? null : new ImportFile(stream, form.File!.Length), cancellationToken);
        }
        if (parsed.Outcome != SaveOutcome.Saved)
        {
            // The typed text stays, so that a slip in one field does not lose a paste; a file must be chosen again.
            LogRefused(logger, CurrentUser.Name, parsed.Reason ?? "invalid");
            return View("Index", new ImportUploadPage(form, await desk.SectionChoicesAsync(cancellationToken), parsed.Message));
        }
        var proposal = parsed.Proposal!;
        LogParsed(logger, CurrentUser.Name, proposal.Articles.Count, proposal.Warnings.Count, parsed.Text!.Length, parsed.Encoding ?? "pasted");
        var review = new ImportReviewInput
        {
            Date = form.Date, PageNumber = form.PageNumber, PageName = form.PageName, SectionId = form.SectionId,
            Source = parsed.Text, SourceEncoding = parsed.Encoding, Batch = Guid.NewGuid().ToString("N"),
        };
        ViewData["Title"] = "核对导入结果";
        return View("Review", new ImportReviewPage(review, await desk.ReviewAsync(review, proposal, cancellationToken)));
    }

    [HttpPost("create"), EnableRateLimiting(RateLimits.Import)]
    [RequestSizeLimit(ReviewRequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = ReviewRequestLimit, ValueLengthLimit = (int)ReviewRequestLimit)]
    [ImportOversizeGuard(ForReview = true)]
    public async Task<IActionResult> Create(ImportReviewInput form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "核对导入结果";
        // The review's hidden fields are drawn from the model, never from the posted values.
        ShowErrors(null);
        var result = await desk.CreateAsync(form, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.Refused:
                FlashError(result.Message!);
                return RedirectToAction(nameof(Index));
            case SaveOutcome.Invalid:
                LogProposalRefused(logger, CurrentUser.Name, result.Message!);
                if (await desk.ReviewAgainAsync(form, result.Message!, cancellationToken) is not { } review)
                {
                    FlashError(result.Message + " 导入数据不完整，请重新导入这一版。");
                    return RedirectToAction(nameof(Index));
                }
                return View("Review", new ImportReviewPage(form, review)
                {
                    PageImage = form.Facsimile is { } key ? await facsimiles.ForReviewAsync(key, cancellationToken) : null,
                });
        }
        if (result.Repeated)
        {
            LogRepeated(logger, result.Batch!, CurrentUser.Name);
            Flash("这一版已经创建过草稿，下面是上次创建的结果。");
        }
        else
        {
            var created = result.Created!;
            LogCreated(logger, result.Batch!, CurrentUser.Name, created.ArticleIds.Count, created.FeatureId, result.Target!.Date, result.Target.PageNumber);
            var drafts = created.ArticleIds.Count - created.LinkedArticleIds.Count;
            var linked = created.LinkedArticleIds.Count == 0 ? "" : $"，关联 {created.LinkedArticleIds.Count} 篇已有稿件";
            Flash(created.FeatureId is null
                ? $"已创建 {drafts} 篇草稿{linked}。"
                : $"已创建 {drafts} 篇草稿和 1 个专题草稿{linked}。");
        }
        return RedirectToAction(nameof(Result), new { batch = result.Batch });
    }

    [HttpGet("result/{batch:guid}")]
    public async Task<IActionResult> Result(Guid batch, CancellationToken cancellationToken)
    {
        if (await desk.BatchAsync(batch, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        ViewData["Title"] = "导入完成";
        return View(found);
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Print-page import refused for {User}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string user, string reason);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "Print page parsed for {User}: {Articles} stories, {Warnings} warnings, {Characters} characters, {Encoding}")]
    private static partial void LogParsed(ILogger logger, string user, int articles, int warnings, int characters, string encoding);

    [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "Import batch {Batch} by {User}: {Articles} drafts, feature {FeatureId}, on {Date} page {Page}")]
    private static partial void LogCreated(ILogger logger, string batch, string user, int articles, int? featureId, DateOnly date, int page);

    [LoggerMessage(EventId = 5204, Level = LogLevel.Information, Message = "Import batch {Batch} posted again by {User}; nothing created")]
    private static partial void LogRepeated(ILogger logger, string batch, string user);

    [LoggerMessage(EventId = 5205, Level = LogLevel.Information, Message = "Import proposal refused for {User}: {Problem}")]
    private static partial void LogProposalRefused(ILogger logger, string user, string problem);
}

/// <summary>A page file or review form over the import limits: a Chinese message on the import page.</summary>
public sealed class ImportOversizeGuardAttribute : OversizedFormGuardAttribute
{
    /// <summary>The review form (proposal and page text) rather than the upload.</summary>
    public bool ForReview { get; set; }

    protected override string Message =>
        ForReview ? ImportController.ReviewTooLargeMessage : ImportInputException.MessageFor(ImportInputReason.PdfTooLarge);

    protected override string RedirectTo => "/admin/import";
}
