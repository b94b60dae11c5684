using System.Globalization;
using System.Security.Cryptography;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Editing;
using CivilizationNews.Core.Media;
using CivilizationNews.Core.Validation;
using CivilizationNews.Core.Workflow;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Importing.Docx;

/// <summary>
/// How a Word import ended. Saved: <see cref="ArticleId"/> is the new draft, <see cref="Notes"/> what the writer
/// should look at (pictures left out, contributors added). Refused: <see cref="Message"/> says why in Chinese,
/// and <see cref="Refusal"/> names it for the log; nothing was written.
/// </summary>
public sealed record DocxImportResult(SaveOutcome Outcome, int ArticleId = 0, string? Message = null, IReadOnlyList<string>? Notes = null,
    DocxRefusal? Refusal = null, FieldErrors? Errors = null)
{
    public int Photos { get; init; }
}

/// <summary>
/// 从 Word 导入: a reporter's or correspondent's .docx becomes their draft, with its pictures in the media
/// library and its byline as credits. Everything goes through the desks that make each thing by hand —
/// <see cref="MediaLibrary.UploadAsync(byte[], MediaInput, NewsroomUser, CancellationToken)"/> (content checks,
/// EXIF turned upright, renditions), <see cref="ContributorDesk"/> and <see cref="ArticleDesk.CreateAsync"/>
/// (validation, revision, audit) — inside one transaction, so a refusal at any step leaves nothing behind.
/// </summary>
public sealed class DocxImportDesk(NewsDbContext db, ArticleDesk articles, MediaLibrary media, ContributorDesk contributors, AuditLog audit)
{
    public const string ImportAction = "article.import-docx";

    /// <summary>Reads the upload (at most <see cref="DocxReader.MaxBytes"/>; a larger declared length is refused unread) and makes the draft.</summary>
    public async Task<DocxImportResult> ImportAsync(Stream? file, long length, string? fileName, int sectionId, NewsroomUser user,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!NewsroomPermissions.CanCreate(user))
        {
            return new(SaveOutcome.Forbidden);
        }
        if (file is null || length == 0)
        {
            return Refused(DocxRefusal.Empty);
        }
        if (length > DocxReader.MaxBytes)
        {
            return Refused(DocxRefusal.TooLarge);
        }
        var bytes = new byte[length];
        await file.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return await ImportAsync(bytes, fileName, sectionId, user, cancellationToken).ConfigureAwait(false);
    }

    public async Task<DocxImportResult> ImportAsync(byte[] bytes, string? fileName, int sectionId, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(user);
        if (!NewsroomPermissions.CanCreate(user))
        {
            return new(SaveOutcome.Forbidden);
        }
        DocxStory story;
        try
        {
            story = DocxReader.Read(bytes);
        }
        catch (DocxInputException e)
        {
            return Refused(e.Refusal);
        }
        if (!await db.Sections.AnyAsync(s => s.Id == sectionId, cancellationToken).ConfigureAwait(false))
        {
            var errors = new FieldErrors();
            errors.Add("SectionId", "请选择栏目。");
            return new(SaveOutcome.Invalid, Message: "请选择栏目。", Errors: errors);
        }

        var article = story.Article;
        var notes = story.Result.Warnings.Select(w => w.Text).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        var photoIds = new List<int>();
        for (var i = 0; i < story.Images.Count; i++)
        {
            var image = story.Images[i];
            if (image.Data is not { } data)
            {
                continue;
            }
            var photo = story.Result.Photos[i];
            var uploaded = await media.UploadAsync(data, PhotoMetadata(photo, image, article.Title), user, cancellationToken).ConfigureAwait(false);
            if (uploaded.Outcome == SaveOutcome.Saved)
            {
                photoIds.Add(uploaded.MediaId);
            }
            else
            {
                notes.Add($"未能导入的图片：第 {image.Number} 张，{uploaded.FirstError}");
            }
        }

        var credits = new List<CreditInput>();
        if (article.Credit is { } credit)
        {
            foreach (var role in BylineParser.ReadRoles([credit]))
            {
                foreach (var name in role.Names)
                {
                    var id = await ContributorAsync(name, RoleOf(role.Role), user, notes, cancellationToken).ConfigureAwait(false);
                    if (id is { } contributorId)
                    {
                        credits.Add(new CreditInput(contributorId, RoleOf(role.Role)));
                    }
                }
            }
        }
        if (credits.Count == 0 && user.ContributorId is { } me)
        {
            // No byline in the document: the writer's own, as a new story in the editor starts.
            credits.Add(new CreditInput(me, user.IsCorrespondent ? CreditRole.Correspondent : CreditRole.Reporter));
        }

        var input = new ArticleInput
        {
            Kicker = article.Kicker, Title = article.Title, Subtitle = article.Subtitle,
            Dateline = article.Dateline is null ? null : story.DatelineCredit is null ? article.Dateline : $"{article.Dateline}（{story.DatelineCredit}）",
            Body = DraftCreator.ToMarkdown(article), SectionId = sectionId,
            UnitIds = user.IsCorrespondent && user.UnitId is { } unit ? [unit] : [],
            Credits = credits, PhotoIds = photoIds,
        };
        var created = await articles.CreateAsync(input, user, cancellationToken).ConfigureAwait(false);
        if (created.Outcome != SaveOutcome.Saved)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            return new(created.Outcome, Message: created.Errors is { IsValid: false } errors ? errors.All[0].Message : null, Errors: created.Errors);
        }
        var source = string.IsNullOrWhiteSpace(fileName) ? "Word 文档" : $"Word 文档 {Path.GetFileName(fileName)}";
        audit.Record(user.Actor, ImportAction, "Article", created.ArticleId, $"{source}，{photoIds.Count} 张图片");
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return new(SaveOutcome.Saved, created.ArticleId, Notes: notes) { Photos = photoIds.Count };
    }

    /// <summary>The upload form's section select.</summary>
    public Task<List<Choice>> SectionChoicesAsync(CancellationToken cancellationToken = default) => db.SectionChoicesAsync(cancellationToken);

    private static DocxImportResult Refused(DocxRefusal refusal) =>
        new(SaveOutcome.Refused, Message: DocxInputException.MessageFor(refusal), Refusal: refusal);

    /// <summary>The library wants alt text: the document's own, else the caption, else a placeholder naming the story for the editor to replace.</summary>
    private static MediaInput PhotoMetadata(ImportedPhoto photo, DocxImage image, string title)
    {
        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var caption = Clean(photo.Caption);
        var alt = Clean(image.AltText) ?? caption ?? $"《{title}》的第 {image.Number} 张图片";
        return new MediaInput
        {
            AltText = alt.Length > MediaLibrary.AltMaxLength ? alt[..MediaLibrary.AltMaxLength] : alt,
            Caption = caption is { Length: > MediaLibrary.CaptionMaxLength } ? caption[..MediaLibrary.CaptionMaxLength] : caption,
            CreditText = Clean(photo.Credit) is { } credit ? (credit.Length > MediaLibrary.CreditMaxLength ? credit[..MediaLibrary.CreditMaxLength] : credit) : null,
            CreditKind = photo.CreditKind == "供图" ? CreditKind.Provided : CreditKind.Photographed,
        };
    }

    /// <summary>本报记者, 记者 → Reporter; any kind of 通讯员 → Correspondent; 摄影记者 → photojournalist; other papers' staff as reporters.</summary>
    private static CreditRole RoleOf(string printed) =>
        CreditRoles.TryParse(printed, out var role) ? role
        : printed.Contains("通讯员", StringComparison.Ordinal) ? CreditRole.Correspondent
        : printed.Contains("摄影", StringComparison.Ordinal) ? CreditRole.PhotoJournalist
        : CreditRole.Reporter;

    /// <summary>The contributor of that name; a name the newsroom does not know yet becomes a contributor, as the text import makes units.</summary>
    private async Task<int?> ContributorAsync(string name, CreditRole role, NewsroomUser user, List<string> notes, CancellationToken cancellationToken)
    {
        var known = await db.Contributors.Where(c => c.Name == name).OrderBy(c => c.Id).Select(c => (int?)c.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (known is not null)
        {
            return known;
        }
        string slug;
        do
        {
            // Contributor slugs are ASCII; an editor can give a readable one on the contributor's page.
            slug = "contributor-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        }
        while (await db.Contributors.AnyAsync(c => c.Slug == slug, cancellationToken).ConfigureAwait(false));
        var made = await contributors.CreateAsync(new ContributorInput { Slug = slug, Name = name, UsualRole = role }, user, cancellationToken).ConfigureAwait(false);
        if (made.Outcome != SaveOutcome.Saved)
        {
            notes.Add($"署名“{name}”未能加入作者库，请在稿件中补上署名。");
            return null;
        }
        notes.Add(string.Create(CultureInfo.InvariantCulture, $"已将署名中的“{name}”加入作者库（{role.Label()}），请核对。"));
        return made.Id;
    }
}
