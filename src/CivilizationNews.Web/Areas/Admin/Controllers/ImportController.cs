using System.Globalization;
using System.Text.Json;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Importing;
using CivilizationNews.Core.Time;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

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
public sealed partial class ImportController(NewsDbContext db, DraftCreator creator, TimeProvider clock, ILogger<ImportController> logger) : AdminController
{
    /// <summary>The page (5 MB) plus room for the other fields and the multipart framing.</summary>
    public const long UploadRequestLimit = PrintPageImporter.MaxBytes + 1024 * 1024;

    /// <summary>The review form carries the proposal and the page text: twice the page, plus escaping and fields.</summary>
    public const long ReviewRequestLimit = 3L * PrintPageImporter.MaxBytes + 1024 * 1024;

    public const string BothGivenMessage = "请在“粘贴文字”和“上传文件”中二选一。";
    public const string NothingGivenMessage = "请粘贴版面文字，或选择一个 .txt 文件。";
    public const string ReviewTooLargeMessage = "提交的内容太大，请重新导入这一版。";
    public const string ConfirmUnattachedMessage = "还有未归属的文字。请把它们加入稿件，或勾选“我已核对”后再创建（未归属的文字不会保存）。";

    private static readonly JsonSerializerOptions UnitsJsonOptions = new(JsonSerializerDefaults.Web);


    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "导入版面";
        var form = new ImportUploadForm
        {
            Date = FormValues.Iso(ChinaTime.Today(clock.GetUtcNow().UtcDateTime)),
            PageNumber = "1",
        };
        return View(await UploadPageAsync(form, null, cancellationToken));
    }

    [HttpPost(""), EnableRateLimiting(RateLimits.Import)]
    [RequestSizeLimit(UploadRequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadRequestLimit, ValueLengthLimit = (int)UploadRequestLimit)]
    [ImportOversizeGuard(ForReview = false)]
    public async Task<IActionResult> Upload(ImportUploadForm form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "导入版面";
        ModelState.DropBindingErrors();
        var (_, targetError) = await ReadTargetAsync(form, cancellationToken);
        if (targetError is not null)
        {
            return await RefusedAsync(form, targetError, "target", cancellationToken);
        }

        var hasFile = form.File is { Length: > 0 };
        var hasText = !string.IsNullOrWhiteSpace(form.Text);
        if (hasFile && hasText)
        {
            return await RefusedAsync(form, BothGivenMessage, "both", cancellationToken);
        }
        if (!hasFile && !hasText && form.File is null)
        {
            return await RefusedAsync(form, NothingGivenMessage, "nothing", cancellationToken);
        }
        string text;
        string? encoding = null;
        ImportResult proposal;
        try
        {
            if (hasFile)
            {
                if (form.File!.Length > PrintPageImporter.MaxBytes)
                {
                    // Refused on the declared length, before the file is read into memory.
                    throw new ImportInputException(ImportInputReason.TooLarge);
                }
                var bytes = new byte[form.File.Length];
                await using (var stream = form.File.OpenReadStream())
                {
                    await stream.ReadExactlyAsync(bytes, cancellationToken);
                }
                (text, encoding) = PrintPageImporter.Decode(bytes);
            }
            else
            {
                // Pasted text, or an empty file or only whitespace: the importer words the refusal.
                text = form.Text ?? string.Empty;
            }
            proposal = (await ImporterAsync(cancellationToken)).Import(text);
        }
        catch (ImportInputException ex)
        {
            return await RefusedAsync(form, ex.Message, ex.Reason.ToString(), cancellationToken);
        }

        LogParsed(logger, CurrentUser.Name, proposal.Articles.Count, proposal.Warnings.Count, text.Length, encoding ?? "pasted");
        var review = new ImportReviewForm
        {
            Date = form.Date, PageNumber = form.PageNumber, PageName = form.PageName, SectionId = form.SectionId,
            Source = text, SourceEncoding = encoding, Batch = Guid.NewGuid().ToString("N"),
        };
        ViewData["Title"] = "核对导入结果";
        return View("Review", await ReviewPageAsync(review, proposal, ImportJson.Serialize(proposal), null, cancellationToken));
    }

    /// <summary>The typed text stays, so that a slip in one field does not lose a paste; a file must be chosen again.</summary>
    private async Task<IActionResult> RefusedAsync(ImportUploadForm form, string message, string reason, CancellationToken cancellationToken)
    {
        LogRefused(logger, CurrentUser.Name, reason);
        return View("Index", await UploadPageAsync(form, message, cancellationToken));
    }

    [HttpPost("create"), EnableRateLimiting(RateLimits.Import)]
    [RequestSizeLimit(ReviewRequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = ReviewRequestLimit, ValueLengthLimit = (int)ReviewRequestLimit)]
    [ImportOversizeGuard(ForReview = true)]
    public async Task<IActionResult> Create(ImportReviewForm form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "核对导入结果";
        ModelState.DropBindingErrors();
        if (!Guid.TryParseExact(form.Batch, "N", out _))
        {
            FlashError("导入数据已损坏，请重新导入这一版。");
            return Redirect("/admin/import");
        }
        var key = form.Batch!;
        // A second click, or the form posted again from the browser's history: show what the first one created.
        if (await creator.FindBatchAsync(key, cancellationToken) is not null)
        {
            LogRepeated(logger, key, CurrentUser.Name);
            Flash("这一版已经创建过草稿，下面是上次创建的结果。");
            return Redirect($"/admin/import/result/{key}");
        }

        var (target, targetError) = await ReadTargetAsync(form, cancellationToken);
        ImportResult proposal;
        try
        {
            proposal = ImportProposal.Parse(form.Proposal);
        }
        catch (ImportProposalException ex)
        {
            return await ReviewAgainAsync(form, ex.Message, cancellationToken);
        }
        if (targetError is not null)
        {
            return await ReviewAgainAsync(form, targetError, cancellationToken);
        }
        if (proposal.Warnings.Any(w => w.Kind == ImportWarningKind.Unattached) && !form.ConfirmUnattached)
        {
            return await ReviewAgainAsync(form, ConfirmUnattachedMessage, cancellationToken);
        }
        var choices = ReadUnitChoices(form.UnitChoice, proposal);
        if (choices is null)
        {
            return await ReviewAgainAsync(form, "单位选择与稿件数量不一致，请重新选择后再创建。", cancellationToken);
        }

        DraftImportResult created;
        try
        {
            created = await creator.CreateAsync(proposal, target! with { Units = choices, BatchKey = key }, CurrentUser, cancellationToken);
        }
        catch (ImportProposalException ex)
        {
            return await ReviewAgainAsync(form, ex.Message, cancellationToken);
        }
        if (created.AlreadyCreated)
        {
            LogRepeated(logger, key, CurrentUser.Name);
            Flash("这一版已经创建过草稿，下面是上次创建的结果。");
        }
        else
        {
            LogCreated(logger, key, CurrentUser.Name, created.ArticleIds.Count, created.FeatureId, target!.Date, target.PageNumber);
            Flash(created.FeatureId is null
                ? $"已创建 {created.ArticleIds.Count} 篇草稿。"
                : $"已创建 {created.ArticleIds.Count} 篇草稿和 1 个专题草稿。");
        }
        return Redirect($"/admin/import/result/{key}");
    }

    [HttpGet("result/{batch:guid}")]
    public async Task<IActionResult> Result(Guid batch, CancellationToken cancellationToken)
    {
        var key = batch.ToString("N");
        var found = await creator.FindBatchAsync(key, cancellationToken);
        if (found is null)
        {
            return NotFound();
        }
        ViewData["Title"] = "导入完成";
        var ids = found.ArticleIds;
        var rows = await db.Articles.Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Kicker, a.Status, Units = a.Units.OrderByDescending(u => u.IsPrimary).Select(u => u.Unit!.Name).ToList() })
            .ToListAsync(cancellationToken);
        // In page order, as the batch created them; a story deleted since then is simply not listed.
        var articles = ids.SelectMany(id => rows.Where(r => r.Id == id))
            .Select(r => new ImportResultArticle(r.Id, r.Title, r.Kicker, r.Status.Label(), r.Units)).ToList();
        var feature = found.FeatureId is { } featureId
            ? await db.Features.Where(f => f.Id == featureId).Select(f => f.Title).FirstOrDefaultAsync(cancellationToken)
            : null;
        var page = await db.EditionPages.Where(p => p.Id == found.EditionPageId)
            .Select(p => new { p.Number, p.Name, p.EditionId, p.Edition!.Date }).FirstOrDefaultAsync(cancellationToken);
        return View(new ImportResultPage(key, articles, feature is null ? null : found.FeatureId, feature,
            page is null ? null : $"第{page.Number}版 {page.Name}", page?.EditionId, page is null ? null : ChinaTime.FormatDate(page.Date)));
    }

    /// <summary>One value per article: empty (no unit), a unit id, or "new". Null when the list does not match the articles.</summary>
    private static List<UnitChoice>? ReadUnitChoices(List<string> posted, ImportResult proposal)
    {
        if (posted.Count != proposal.Articles.Count)
        {
            return null;
        }
        var choices = new List<UnitChoice>();
        foreach (var value in posted)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                choices.Add(UnitChoice.None);
            }
            else if (value == "new")
            {
                choices.Add(UnitChoice.NewFromKicker);
            }
            else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                choices.Add(UnitChoice.Existing(id));
            }
            else
            {
                return null;
            }
        }
        return choices;
    }

    /// <summary>
    /// Shows the review screen again with the editor's own proposal (the script restores it from the
    /// posted JSON). The server-drawn fallback is the page imported afresh from the carried text.
    /// </summary>
    private async Task<IActionResult> ReviewAgainAsync(ImportReviewForm form, string error, CancellationToken cancellationToken)
    {
        LogProposalRefused(logger, CurrentUser.Name, error);
        ImportResult fallback;
        try
        {
            fallback = (await ImporterAsync(cancellationToken)).Import(form.Source ?? string.Empty);
        }
        catch (ImportInputException)
        {
            FlashError(error + " 导入数据不完整，请重新导入这一版。");
            return Redirect("/admin/import");
        }
        var json = form.Proposal;
        try
        {
            using (JsonDocument.Parse(json ?? string.Empty))
            {
            }
        }
        catch (JsonException)
        {
            json = ImportJson.Serialize(fallback);
        }
        return View("Review", await ReviewPageAsync(form, fallback, json!, error, cancellationToken));
    }

    /// <summary>
    /// An importer that knows the newsroom's units, so that a one-line header opening with a unit's
    /// name or short name (盐湖区 社区里的…) is read as kicker and headline even when the name's form
    /// alone would not say so.
    /// </summary>
    private async Task<PrintPageImporter> ImporterAsync(CancellationToken cancellationToken)
    {
        var units = await db.Units.Select(u => new { u.Name, u.ShortName }).ToListAsync(cancellationToken);
        return new PrintPageImporter(units.SelectMany(u => new[] { u.Name, u.ShortName }).OfType<string>());
    }

    /// <summary>Reads the target page; the request is null and the message says why when a field is wrong.</summary>
    private async Task<(DraftImportRequest? Request, string? Error)> ReadTargetAsync(ImportTargetForm form, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var today = ChinaTime.Today(clock.GetUtcNow().UtcDateTime);
        if (!FormValues.TryParseDate(form.Date, out var date) || date.Year < 1949 || date > today.AddYears(1))
        {
            errors.Add("请填写出版日期（如 2021-12-10）。");
        }
        if (!int.TryParse(form.PageNumber?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 999)
        {
            errors.Add("版次请填写 1–999 的数字。");
        }
        var pageName = FormValues.Clean(form.PageName);
        if (pageName?.Length > 50)
        {
            errors.Add("版名不超过 50 字。");
        }
        if (form.SectionId is not { } sectionId || !await db.Sections.AnyAsync(s => s.Id == sectionId, cancellationToken))
        {
            errors.Add("请选择栏目。");
        }
        return errors.Count > 0 ? (null, string.Join(" ", errors)) : (new DraftImportRequest(date, number, pageName, form.SectionId!.Value), null);
    }

    private async Task<ImportUploadPage> UploadPageAsync(ImportUploadForm form, string? error, CancellationToken cancellationToken) =>
        new(form, await SectionsAsync(cancellationToken), error);

    private Task<List<ChoiceOption>> SectionsAsync(CancellationToken cancellationToken) =>
        db.Sections.OrderBy(s => s.SortOrder).ThenBy(s => s.Id).Select(s => new ChoiceOption(s.Id, s.Name)).ToListAsync(cancellationToken);

    private async Task<ImportReviewPage> ReviewPageAsync(ImportReviewForm form, ImportResult proposal, string json, string? error, CancellationToken cancellationToken)
    {
        var units = await db.Units.OrderBy(u => u.Name).Select(u => new ImportUnitOption(u.Id, u.Name, u.ShortName)).ToListAsync(cancellationToken);
        var sections = await SectionsAsync(cancellationToken);
        var section = sections.FirstOrDefault(s => s.Id == form.SectionId)?.Label;
        var label = FormValues.TryParseDate(form.Date, out var date) ? ChinaTime.FormatDate(date) : form.Date;
        label += $" 第{form.PageNumber}版";
        if (FormValues.Clean(form.PageName) is { } pageName)
        {
            label += " · " + pageName;
        }
        if (section is not null)
        {
            label += " · 栏目：" + section;
        }
        var lines = (form.Source ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var unitsJson = JsonSerializer.Serialize(units.Select(u => new { id = u.Id, name = u.Name, shortName = u.ShortName }), UnitsJsonOptions);
        return new ImportReviewPage(form, proposal, json, lines, units, unitsJson, SourceLinesJson(proposal), label, error);
    }

    /// <summary>
    /// Where each paragraph and warning was printed, for the review script's "原文第 N 行" links. Keyed by
    /// the text's length and first characters (<see cref="ImportReviewPage.SourceKey"/>), so that a
    /// paragraph keeps its lines wherever the editor moves it. Not part of the proposal.
    /// </summary>
    private static string SourceLinesJson(ImportResult proposal)
    {
        var map = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        foreach (var section in proposal.Articles.SelectMany(a => a.Sections))
        {
            for (var i = 0; i < section.Paragraphs.Count && i < section.ParagraphLines.Count; i++)
            {
                map.TryAdd(ImportReviewPage.SourceKey(section.Paragraphs[i]), section.ParagraphLines[i]);
            }
        }
        foreach (var warning in proposal.Warnings.Where(w => w.Lines.Count > 0))
        {
            map.TryAdd(ImportReviewPage.SourceKey(warning.Text), warning.Lines);
        }
        return JsonSerializer.Serialize(map, UnitsJsonOptions);
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
        ForReview ? ImportController.ReviewTooLargeMessage : ImportInputException.MessageFor(ImportInputReason.TooLarge);

    protected override string RedirectTo => "/admin/import";
}
