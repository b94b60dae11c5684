using CivilizationNews.Core.Importing.Docx;
using CivilizationNews.Core.Validation;
using CivilizationNews.Core.Workflow;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 从 Word 导入 (under 稿件): a reporter, correspondent or editor uploads a .docx and gets their own draft, with
/// its pictures in the media library and its byline as credits. Everything goes through <see cref="DocxImportDesk"/>;
/// a refused file (broken, password-protected, macro-enabled, over 20 MB) is shown in Chinese and creates nothing.
/// See docs/importing.md ("Word documents").
/// </summary>
[Route("admin/articles/word")]
public sealed partial class DocxImportController(DocxImportDesk desk, ILogger<DocxImportController> logger) : AdminController
{
    /// <summary>The document (20 MB) plus room for the section field and the multipart framing.</summary>
    public const long UploadRequestLimit = DocxReader.MaxBytes + 1024 * 1024;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        if (!NewsroomPermissions.CanCreate(CurrentUser))
        {
            return Forbid();
        }
        ViewData["Title"] = "从 Word 导入";
        return View(new DocxUploadPage(new DocxUploadForm(), await desk.SectionChoicesAsync(cancellationToken)));
    }

    [HttpPost(""), EnableRateLimiting(RateLimits.Upload)]
    [RequestSizeLimit(UploadRequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadRequestLimit)]
    [DocxOversizeGuard]
    public async Task<IActionResult> Upload(DocxUploadForm form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "从 Word 导入";
        ShowErrors(null);
        DocxImportResult result;
        var stream = form.File?.OpenReadStream();
        await using (stream)
        {
            result = await desk.ImportAsync(stream, form.File?.Length ?? 0, form.File?.FileName, form.SectionId, CurrentUser, cancellationToken);
        }
        switch (result.Outcome)
        {
            case SaveOutcome.Saved:
                LogCreated(logger, result.ArticleId, CurrentUser.Name, result.Photos, result.Notes?.Count ?? 0);
                Flash(result.Notes is { Count: > 0 } notes
                    ? $"已从 Word 文档生成草稿，请核对。{string.Join(" ", notes)}"
                    : "已从 Word 文档生成草稿，请核对。");
                return RedirectToAction(nameof(ArticlesController.Edit), "Articles", new { id = result.ArticleId });
            case SaveOutcome.Forbidden:
                return Forbid();
        }
        LogRefused(logger, CurrentUser.Name, result.Refusal, result.Message);
        ShowErrors(result.Errors);
        return View("Index", new DocxUploadPage(form, await desk.SectionChoicesAsync(cancellationToken), result.Message));
    }

    [LoggerMessage(EventId = 5461, Level = LogLevel.Information, Message = "Word import refused for {User}: {Refusal} {Problem}")]
    private static partial void LogRefused(ILogger logger, string user, DocxRefusal? refusal, string? problem);

    [LoggerMessage(EventId = 5462, Level = LogLevel.Information, Message = "Word import by {User} made draft {ArticleId} with {Photos} photos and {Notes} notes")]
    private static partial void LogCreated(ILogger logger, int articleId, string user, int photos, int notes);
}

/// <summary>A Word upload over the request limit: the Chinese "over 20 MB" message on the upload page instead of a bare 413.</summary>
public sealed class DocxOversizeGuardAttribute : OversizedFormGuardAttribute
{
    protected override string Message => DocxInputException.MessageFor(DocxRefusal.TooLarge);

    protected override string RedirectTo => "/admin/articles/word";
}
