using System.Globalization;
using System.Text.RegularExpressions;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Importing;
using CivilizationNews.Core.Media;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Time;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CivilizationNews.Core.Editions;

/// <summary>A file as the upload form posts it: its name, declared length and bytes.</summary>
public sealed record FacsimileUploadFile(string FileName, long Length, Stream Content);

/// <summary>What an upload did: the pages stored (in order), or the refusal (Chinese) with nothing stored.</summary>
public sealed record FacsimileUploadResult(SaveOutcome Outcome, IReadOnlyList<Guid> Keys, string? Message = null, string? Reason = null);

/// <summary>One uploaded page as the newsroom's list shows it.</summary>
public sealed record FacsimileUploadRow(Guid Key, DateOnly Date, int PageNumber, string? PageName, string FileName, FacsimileStatus Status,
    string? Note, int Stories, bool HasTextLayer, DateTime UploadedAt, string? UploadedBy, int? EditionId);

/// <summary>An uploaded page ready for review: where it goes, its image and page size, and the proposal read from it.</summary>
public sealed record FacsimileForReview(Guid Key, DateOnly Date, int PageNumber, string? PageName, int? SectionId, double Width, double Height,
    int ImageWidth, bool HasTextLayer, string? ProposalJson, string? Note);

/// <summary>
/// 上传版面: the day's page PDFs (one per page, several at once, or one PDF of many pages) are stored page by page at
/// once — all or nothing — and read and drawn in the background (<see cref="ProcessNextAsync"/>, claimed in the
/// database so that any instance may do it); each page is then reviewed and created like 导入版面, and becomes its
/// edition page's facsimile. See docs/importing.md.
/// </summary>
public sealed partial class FacsimileDesk(NewsDbContext db, IPageRenderer renderer, AuditLog audit, TimeProvider clock, ILogger<FacsimileDesk> logger)
{
    /// <summary>Pages in one upload: a city daily prints 8 to 48; a special issue may have a hundred.</summary>
    public const int MaxPages = 100;

    /// <summary>Files in one upload, page PDFs and the page images exported beside them.</summary>
    public const int MaxFiles = 2 * MaxPages;

    /// <summary>A page image uploaded beside its PDF (JPEG or PNG).</summary>
    public const long MaxImageBytes = 30L * 1024 * 1024;

    /// <summary>A claim older than this is taken again (the instance that took it stopped mid-page).</summary>
    public static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(2);

    public const string NoFilesMessage = "请选择要上传的版面 PDF（可一次选择多个文件）。";
    public const string NoPdfMessage = "没有找到版面 PDF。版面图片只能与同名的 PDF 一起上传（如 05.pdf 和 05.jpg）。";
    public static readonly string TooManyPagesMessage = string.Create(CultureInfo.InvariantCulture, $"一次最多上传 {MaxPages} 个版面，请分批上传。");
    public static readonly string TooManyFilesMessage = string.Create(CultureInfo.InvariantCulture, $"一次最多上传 {MaxFiles} 个文件，请分批上传。");
    public const string GoneMessage = FacsimileAttacher.GoneMessage;
    public const string NoTextNote = "这一版没有文字层（可能是扫描件），只能发布版面图，不能自动分出稿件。";
    public const string NoImageNote = "服务器无法从 PDF 生成版面图（未安装 pdftoppm），请把排版系统导出的同名版面图片（JPEG 或 PNG）与 PDF 一起重新上传。";

    /// <summary>Stores every page of the upload for processing, or nothing: the whole upload is refused with the first problem.</summary>
    public async Task<FacsimileUploadResult> UploadAsync(DateOnly date, int sectionId, IReadOnlyList<FacsimileUploadFile> files, NewsroomUser user,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(user);
        if (files.Count == 0 || files.All(f => f.Length == 0))
        {
            return Refused(NoFilesMessage, "nothing");
        }
        if (files.Count > MaxFiles)
        {
            return Refused(TooManyFilesMessage, "files");
        }
        if (!await db.Sections.AnyAsync(s => s.Id == sectionId, cancellationToken).ConfigureAwait(false))
        {
            return Refused("请选择栏目。", "section");
        }

        // Read and check everything before storing anything.
        var pdfs = new List<(string Name, byte[] Bytes)>();
        var images = new Dictionary<string, (string Type, byte[] Bytes)>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files.Where(f => f.Length > 0))
        {
            var name = Path.GetFileName(file.FileName);
            var isImage = ImageType(name) is not null;
            if (file.Length > (isImage ? MaxImageBytes : PrintPageImporter.MaxPdfBytes))
            {
                return Refused(isImage ? $"{name}：版面图片超过 30 MB。" : $"{name}：{ImportInputException.MessageFor(ImportInputReason.PdfTooLarge)}", "too-large");
            }
            var bytes = new byte[file.Length];
            await file.Content.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            if (isImage)
            {
                images[Path.GetFileNameWithoutExtension(name)] = (ImageType(name)!, bytes);
            }
            else if (PrintPageImporter.IsPdf(bytes))
            {
                pdfs.Add((name, bytes));
            }
            else
            {
                return Refused($"{name}：不是 PDF 文件或版面图片（JPEG、PNG）。", "type");
            }
        }
        if (pdfs.Count == 0)
        {
            return Refused(NoPdfMessage, "no-pdf");
        }

        var pages = new List<PageFacsimile>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (name, bytes) in pdfs.OrderBy(p => PageHint(p.Name) ?? int.MaxValue).ThenBy(p => p.Name, StringComparer.Ordinal))
        {
            int count;
            try
            {
                count = PrintPageImporter.CountPdfPages(bytes);
            }
            catch (ImportInputException ex)
            {
                return Refused($"{name}：{ex.Message}", ex.Reason.ToString());
            }
            if (pages.Count + count > MaxPages)
            {
                return Refused(TooManyPagesMessage, "pages");
            }
            for (var p = 1; p <= count; p++)
            {
                byte[] single;
                try
                {
                    single = FacsimileFiles.SinglePage(bytes, p);
                }
                catch (ImportInputException ex)
                {
                    return Refused($"{name}：{ex.Message}", ex.Reason.ToString());
                }
                var stem = Path.GetFileNameWithoutExtension(name);
                var facsimile = new PageFacsimile
                {
                    UploadKey = Guid.NewGuid(), EditionDate = date, SectionId = sectionId,
                    // Until the folio is read: the number in a single page's file name, else the order of the upload.
                    PageNumber = count == 1 ? PageHint(name) ?? pages.Count + 1 : pages.Count + 1,
                    FileName = count == 1 ? name : string.Create(CultureInfo.InvariantCulture, $"{name} 第{p}页"),
                    Pdf = single, PdfLength = single.LongLength, Status = FacsimileStatus.Pending,
                    UploadedBy = user.Name, UploadedAt = now,
                };
                if (count == 1 && images.TryGetValue(stem, out var image))
                {
                    // The layout system's own page image is used as it is; the PDF is then not drawn.
                    facsimile.Images.Add(new PageFacsimileImage { Name = SourceImage, ContentType = image.Type, Data = image.Bytes });
                    facsimile.ImageSource = FacsimileImageSource.Uploaded;
                }
                else
                {
                    facsimile.ImageSource = FacsimileImageSource.Rendered;
                }
                pages.Add(facsimile);
            }
        }
        db.PageFacsimiles.AddRange(pages);
        audit.Record(user.Actor, "page.upload", "Edition", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{pages.Count} 个版面：{string.Join("、", pdfs.Select(p => p.Name))}"));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        LogUploaded(logger, user.Name, pages.Count, date);
        return new FacsimileUploadResult(SaveOutcome.Saved, pages.Select(p => p.UploadKey).ToList());
    }

    /// <summary>
    /// Reads and draws one waiting page, if any: its proposal from the PDF's text, its page number and name from the
    /// folio, its image's renditions. Returns false when nothing was waiting. A page that cannot be processed is
    /// marked failed with the reason; it never stops the queue.
    /// </summary>
    public async Task<bool> ProcessNextAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var stale = now - ClaimTimeout;
        var candidate = await db.PageFacsimiles
            .Where(f => f.Status == FacsimileStatus.Pending && (f.ClaimedAt == null || f.ClaimedAt < stale))
            .OrderBy(f => f.UploadedAt).ThenBy(f => f.Id).Select(f => (int?)f.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (candidate is not { } id)
        {
            return false;
        }
        // The claim is one UPDATE that only matches an unclaimed (or abandoned) page: one instance wins it.
        var claimed = await db.PageFacsimiles
            .Where(f => f.Id == id && f.Status == FacsimileStatus.Pending && (f.ClaimedAt == null || f.ClaimedAt < stale))
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.ClaimedAt, now), cancellationToken).ConfigureAwait(false);
        if (claimed == 0)
        {
            return true;
        }
        var page = await db.PageFacsimiles.AsTracking().Include(f => f.Images).FirstAsync(f => f.Id == id, cancellationToken).ConfigureAwait(false);
        try
        {
            await ProcessAsync(page, cancellationToken).ConfigureAwait(false);
            page.Status = FacsimileStatus.Ready;
        }
        catch (Exception ex) when (ex is ImportInputException or PageRendererUnavailableException or ImageBusyException or InvalidOperationException)
        {
            page.Status = FacsimileStatus.Failed;
            page.Note = ex switch
            {
                PageRendererUnavailableException => NoImageNote,
                ImageBusyException => "服务器繁忙，版面图未能生成，请重新上传这一版。",
                ImportInputException => ex.Message,
                _ => "版面图片无法读取，请重新导出后上传。",
            };
            LogFailed(logger, ex, page.FileName);
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task ProcessAsync(PageFacsimile page, CancellationToken cancellationToken)
    {
        var units = await db.Units.Select(u => new { u.Name, u.ShortName }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var importer = new PrintPageImporter(units.SelectMany(u => new[] { u.Name, u.ShortName }).OfType<string>());
        var (width, height) = PdfPageReader.PageSize(page.Pdf);
        page.Width = Math.Round(width, 2);
        page.Height = Math.Round(height, 2);
        try
        {
            var proposal = importer.ImportPdf(page.Pdf);
            page.HasTextLayer = true;
            page.ProposalJson = ImportJson.Serialize(proposal);
            if (proposal.Page is { Number: { } number })
            {
                page.PageNumber = number;
            }
            if (proposal.Page is { Name: { } name } && !string.IsNullOrWhiteSpace(name))
            {
                page.PageName = name.Length > 50 ? name[..50] : name;
            }
            if (proposal.Page is { Date: { } printed } && printed != page.EditionDate)
            {
                page.Note = $"版面上印的日期是 {ChinaTime.FormatDate(printed)}，与上传时选择的日期不同，请核对。";
            }
        }
        catch (ImportInputException ex) when (ex.Reason == ImportInputReason.PdfNoText)
        {
            page.HasTextLayer = false;
            page.Note = NoTextNote;
        }

        byte[] image;
        string type;
        if (page.Images.FirstOrDefault(i => i.Name == SourceImage) is { } uploaded)
        {
            (image, type) = (uploaded.Data, uploaded.ContentType);
            page.Images.Remove(uploaded);
        }
        else
        {
            var rendered = await renderer.RenderAsync(page.Pdf, 1, FacsimileFiles.DpiFor(page.Width), cancellationToken).ConfigureAwait(false);
            (image, type) = (rendered.Png, "image/png");
        }
        page.Images.AddRange(FacsimileFiles.Renditions(image, type));
    }

    /// <summary>The uploads of the last days (or of one edition date), newest first, for the newsroom's list.</summary>
    public async Task<IReadOnlyList<FacsimileUploadRow>> ListAsync(DateOnly? date = null, CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-14);
        var query = db.PageFacsimiles.Where(f => f.ImageSource != FacsimileImageSource.Demo);
        query = date is { } d ? query.Where(f => f.EditionDate == d) : query.Where(f => f.UploadedAt >= since);
        var rows = await query.OrderByDescending(f => f.EditionDate).ThenBy(f => f.PageNumber).ThenBy(f => f.Id).Take(500)
            .Select(f => new
            {
                f.UploadKey, f.EditionDate, f.PageNumber, f.PageName, f.FileName, f.Status, f.Note, f.HasTextLayer, f.UploadedAt, f.UploadedBy,
                EditionId = f.EditionPage == null ? (int?)null : f.EditionPage.EditionId, f.ProposalJson,
            })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new FacsimileUploadRow(r.UploadKey, r.EditionDate, r.PageNumber, r.PageName, r.FileName, r.Status, r.Note,
            StoryCount(r.ProposalJson), r.HasTextLayer, r.UploadedAt, r.UploadedBy, r.EditionId)).ToList();
    }

    /// <summary>Whether any page is still waiting (the list keeps refreshing while so).</summary>
    public Task<bool> AnyPendingAsync(CancellationToken cancellationToken = default) =>
        db.PageFacsimiles.AnyAsync(f => f.Status == FacsimileStatus.Pending, cancellationToken);

    /// <summary>A page ready for review, or null.</summary>
    public async Task<FacsimileForReview?> ForReviewAsync(Guid key, CancellationToken cancellationToken = default)
    {
        var row = await db.PageFacsimiles.Where(f => f.UploadKey == key && f.Status == FacsimileStatus.Ready)
            .Select(f => new
            {
                f.UploadKey, f.EditionDate, f.PageNumber, f.PageName, f.SectionId, f.Width, f.Height, f.HasTextLayer, f.ProposalJson, f.Note,
                ImageWidth = f.Images.Where(i => i.ContentType == "image/jpeg").Max(i => (int?)i.Width) ?? 0,
            })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : new FacsimileForReview(row.UploadKey, row.EditionDate, row.PageNumber, row.PageName, row.SectionId,
            row.Width, row.Height, row.ImageWidth, row.HasTextLayer, row.ProposalJson, row.Note);
    }

    /// <summary>The one-page PDF of a page ready for review, to read its proposal again with every source line.</summary>
    public Task<byte[]?> PdfForReviewAsync(Guid key, CancellationToken cancellationToken = default) =>
        db.PageFacsimiles.Where(f => f.UploadKey == key && f.Status == FacsimileStatus.Ready && f.HasTextLayer)
            .Select(f => f.Pdf).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A rendition of an upload's page image (any status but attached pages are served publicly instead).</summary>
    public Task<MediaFile?> ImageAsync(Guid key, string name, CancellationToken cancellationToken = default) =>
        db.PageFacsimileImages.Where(i => i.Facsimile!.UploadKey == key && i.Name == name)
            .Select(i => new MediaFile(i.ContentType, i.Data)).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Puts a page without stories to create (no text layer, or the editor chose so) on its edition page as it is:
    /// the edition and page are made when missing, as the import does. Null when the upload is not ready.
    /// </summary>
    public async Task<int?> AttachImageOnlyAsync(Guid key, int pageNumber, string? pageName, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var facsimile = await db.PageFacsimiles.AsTracking()
            .FirstOrDefaultAsync(f => f.UploadKey == key && f.Status == FacsimileStatus.Ready, cancellationToken).ConfigureAwait(false);
        if (facsimile is null)
        {
            return null;
        }
        var page = await EditionPages.FindOrAddAsync(db, facsimile.EditionDate, pageNumber, pageName, cancellationToken).ConfigureAwait(false);
        await FacsimileAttacher.ReplaceAsync(db, facsimile, page, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        audit.Record(user.Actor, "page.facsimile", "EditionPage", page.Id,
            string.Create(CultureInfo.InvariantCulture, $"{facsimile.EditionDate:yyyy-MM-dd} 第{pageNumber}版（仅版面图）"));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return page.EditionId;
    }

    /// <summary>Deletes an upload that is not on an edition page; false when there is none.</summary>
    public async Task<bool> DiscardAsync(Guid key, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var file = await db.PageFacsimiles.Where(f => f.UploadKey == key && f.Status != FacsimileStatus.Attached)
            .Select(f => new { f.Id, f.FileName }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (file is null)
        {
            return false;
        }
        await db.PageFacsimiles.Where(f => f.Id == file.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        audit.Record(user.Actor, "page.upload-discard", "PageFacsimile", file.Id, file.FileName);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The name a page image uploaded beside its PDF is kept under until the page is processed.</summary>
    internal const string SourceImage = "source";

    /// <summary>The page number in a file name: "05.pdf", "A05.pdf", "第5版.pdf", "hdrb-20211210-05.pdf" (the last number).</summary>
    public static int? PageHint(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName ?? string.Empty);
        var match = PageNumberPattern().Match(stem);
        return match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 999
            ? n : null;
    }

    private static string? ImageType(string name) => Path.GetExtension(name).ToUpperInvariant() switch
    {
        ".JPG" or ".JPEG" => "image/jpeg",
        ".PNG" => "image/png",
        _ => null,
    };

    private static int StoryCount(string? json)
    {
        if (json is null)
        {
            return 0;
        }
        try
        {
            return ImportProposal.Parse(json).Articles.Count;
        }
        catch (ImportProposalException)
        {
            return 0;
        }
    }

    private FacsimileUploadResult Refused(string message, string reason)
    {
        LogRefused(logger, reason, message);
        return new FacsimileUploadResult(SaveOutcome.Invalid, [], message, reason);
    }

    [GeneratedRegex(@"(?:第\s*)?(\d{1,3})(?:\s*版)?(?!.*\d)", RegexOptions.None, Importing.ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex PageNumberPattern();

    [LoggerMessage(EventId = 5231, Level = LogLevel.Information, Message = "{User} uploaded {Pages} page PDFs for {Date}")]
    private static partial void LogUploaded(ILogger logger, string user, int pages, DateOnly date);

    [LoggerMessage(EventId = 5232, Level = LogLevel.Information, Message = "Page upload refused ({Reason}): {Message}")]
    private static partial void LogRefused(ILogger logger, string reason, string message);

    [LoggerMessage(EventId = 5233, Level = LogLevel.Warning, Message = "Uploaded page {FileName} could not be processed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string fileName);
}
