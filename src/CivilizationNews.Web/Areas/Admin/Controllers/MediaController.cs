using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Media;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 图片库: every newsroom member may upload and reuse images. Uploads are checked by content (see
/// <see cref="ImageUploadValidator"/>); a refused upload stores nothing and says why in Chinese.
/// </summary>
[Route("admin/media")]
public sealed class MediaController(NewsDbContext db, MediaLibrary library) : AdminController
{
    /// <summary>
    /// The request may be a little larger than the file limit (the other form fields, multipart framing),
    /// so that a file just over 10 MB reaches the action and is refused with the Chinese message.
    /// </summary>
    public const long UploadRequestLimit = ImageUploadValidator.MaxBytes + 1024 * 1024;

    private const int PageSize = 40;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? q, string? page, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "图片库";
        var query = db.Media.AsQueryable();
        var text = FormValues.Clean(q);
        if (text is not null)
        {
            query = query.Where(m => m.AltText.Contains(text) || (m.Caption != null && m.Caption.Contains(text))
                || (m.CreditText != null && m.CreditText.Contains(text)) || (m.CreditContributor != null && m.CreditContributor.Name.Contains(text)));
        }
        var number = Paging.PageNumber(page);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(m => m.Id).Skip((number - 1) * PageSize).Take(PageSize)
            .Select(m => new MediaTileView(m.Id, m.AltText, m.Caption,
                m.CreditContributor != null ? m.CreditContributor.Name : m.CreditText, m.CreditKind, m.Width, m.Height,
                db.ArticlePhotos.Count(p => p.MediaId == m.Id) + db.FeaturePhotos.Count(p => p.MediaId == m.Id)))
            .ToListAsync(cancellationToken);
        return View(new MediaListPage(items, text, number, Paging.PageCount(total, PageSize), total));
    }

    [HttpGet("upload")]
    public async Task<IActionResult> Upload(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "上传图片";
        return View(new MediaUploadPage(new MediaUploadForm(), await ContributorsAsync(cancellationToken)));
    }

    [HttpPost("upload"), EnableRateLimiting(RateLimits.Upload)]
    [RequestSizeLimit(UploadRequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadRequestLimit)]
    [OversizedUploadGuard]
    public async Task<IActionResult> Upload(MediaUploadForm form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "上传图片";
        // Binding errors (a mangled number, say) are replaced by our own wording below.
        ModelState.Clear();
        MediaResult result;
        if (form.File is null || form.File.Length == 0)
        {
            result = Refused(ImageUploadValidator.EmptyMessage);
        }
        else if (form.File.Length > ImageUploadValidator.MaxBytes)
        {
            // Refused on the declared length, before the file is read into memory.
            result = Refused(ImageUploadValidator.TooLargeMessage);
        }
        else
        {
            var data = new byte[form.File.Length];
            await using (var stream = form.File.OpenReadStream())
            {
                await stream.ReadExactlyAsync(data, cancellationToken);
            }
            result = await library.UploadAsync(data, form.ToMetadata(), CurrentUser, cancellationToken);
        }
        if (result.Outcome == MediaOutcome.Saved)
        {
            Flash("图片已上传，可以在稿件和专题中使用。");
            return Redirect($"/admin/media/{result.MediaId}");
        }
        foreach (var (field, message) in result.Errors ?? new Dictionary<string, string>())
        {
            ModelState.AddModelError(field, message);
        }
        // The alt text, caption and credit typed are kept; only the file must be chosen again.
        return View(new MediaUploadPage(form, await ContributorsAsync(cancellationToken)));

        static MediaResult Refused(string message) => new(MediaOutcome.Invalid, Errors: new Dictionary<string, string> { ["File"] = message });
    }

    [HttpGet("{id:int:min(1)}")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var item = await db.Media.FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (item is null)
        {
            return NotFound();
        }
        ViewData["Title"] = $"图片 #{id}";
        var form = new MediaEditForm
        {
            AltText = item.AltText, Caption = item.Caption, CreditContributorId = item.CreditContributorId, CreditText = item.CreditText,
            CreditKind = item.CreditKind, Version = item.Version,
        };
        return View(await EditPageAsync(id, form, cancellationToken));
    }

    [HttpPost("{id:int:min(1)}")]
    public async Task<IActionResult> Edit(int id, MediaEditForm form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = $"图片 #{id}";
        ModelState.Clear();
        var result = await library.UpdateAsync(id, form.ToMetadata(), form.Version, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case MediaOutcome.Saved:
                Flash("图片信息已保存。");
                return Redirect($"/admin/media/{id}");
            case MediaOutcome.NotFound:
                return NotFound();
            case MediaOutcome.Conflict:
                FlashError("保存未成功：您编辑期间，这张图片的信息已被他人修改。请查看最新内容后重新修改。");
                return Redirect($"/admin/media/{id}");
            default:
                foreach (var (field, message) in result.Errors ?? new Dictionary<string, string>())
                {
                    ModelState.AddModelError(field, message);
                }
                return View(await EditPageAsync(id, form, cancellationToken));
        }
    }

    /// <summary>
    /// Only editors delete, and only images nothing uses. The role check is made here rather than with a
    /// stricter policy on the action, because every other media action is open to the whole newsroom.
    /// </summary>
    [HttpPost("{id:int:min(1)}/delete")]
    public async Task<IActionResult> Delete(int id, CancellationToken cancellationToken)
    {
        if (!CurrentUser.IsEditor)
        {
            return Forbid();
        }
        var result = await library.DeleteAsync(id, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case MediaOutcome.Saved:
                Flash($"已删除图片 #{id}。");
                return Redirect("/admin/media");
            case MediaOutcome.NotFound:
                return NotFound();
            default:
                FlashError(result.FirstError ?? "图片未删除。");
                return Redirect($"/admin/media/{id}");
        }
    }

    private async Task<MediaEditPage> EditPageAsync(int id, MediaEditForm form, CancellationToken cancellationToken)
    {
        var item = await db.Media.Where(m => m.Id == id)
            .Select(m => new { m.ContentType, m.Width, m.Height, m.ByteSize, m.CreatedAt })
            .FirstAsync(cancellationToken);
        var renditions = await db.MediaVariants.Where(v => v.MediaId == id).OrderBy(v => v.Id)
            .Select(v => new RenditionView(v.Name, v.ContentType, v.Width, v.Height, v.Data.Length))
            .ToListAsync(cancellationToken);
        var uses = await library.UsesAsync(id, cancellationToken);
        return new MediaEditPage(id, form, item.ContentType, item.Width, item.Height, item.ByteSize, item.CreatedAt,
            renditions, uses, await ContributorsAsync(cancellationToken), CurrentUser.IsEditor && uses.Count == 0);
    }

    private Task<List<ChoiceOption>> ContributorsAsync(CancellationToken cancellationToken) =>
        db.Contributors.OrderBy(c => c.Name)
            .Select(c => new ChoiceOption(c.Id, c.Organisation == null ? c.Name : c.Name + "（" + c.Organisation + "）"))
            .ToListAsync(cancellationToken);
}

/// <summary>A photo over the upload limit: the Chinese "too large" message on the upload page.</summary>
public sealed class OversizedUploadGuardAttribute : OversizedFormGuardAttribute
{
    protected override string Message => ImageUploadValidator.TooLargeMessage;

    protected override string RedirectTo => "/admin/media/upload";
}
