using System.Globalization;
using System.Text.Json;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Time;
using CivilizationNews.Core.Validation;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Core.Importing;

/// <summary>
/// Where an imported page's drafts go, as the forms post it. Strings and nullables so that <see cref="PageImportDesk"/>
/// words every error itself. A record, so that the admin's forms and pages can extend it and keep the plain names.
/// </summary>
public record ImportTargetInput
{
    public string? Date { get; set; }

    public string? PageNumber { get; set; }

    public string? PageName { get; set; }

    public int? SectionId { get; set; }
}

/// <summary>
/// The review form as posted. <see cref="Proposal"/> is the whole review state, as IMPORT-FORMAT JSON;
/// the server keeps nothing between requests. <see cref="UnitChoice"/> holds one value per article in
/// order: empty (no unit), a unit id, or "new" (create a unit named after the kicker).
/// </summary>
public record ImportReviewInput : ImportTargetInput
{
    public string? Proposal { get; set; }

    /// <summary>The page text, carried along so that the review screen can be shown again after an error.</summary>
    public string? Source { get; set; }

    public string? SourceEncoding { get; set; }

    /// <summary>A one-time key: the same form posted twice creates the drafts once.</summary>
    public string? Batch { get; set; }

    public List<string> UnitChoice { get; set; } = [];

    /// <summary>
    /// One value per article in order: empty (create a draft) or the id of an existing story the article is
    /// (a story published online before the paper printed it): it is placed on the page and gets the regions.
    /// </summary>
    public List<string> LinkTo { get; set; } = [];

    /// <summary>The editor has seen the text still unattached, which is not saved with the drafts.</summary>
    public bool ConfirmUnattached { get; set; }

    /// <summary>The uploaded page (上传版面) the proposal was read from: it becomes the edition page's facsimile.</summary>
    public Guid? Facsimile { get; set; }
}

/// <summary>A page file as posted: its bytes and its declared length (checked before anything is read).</summary>
public sealed record ImportFile(Stream Content, long Length);

/// <summary>
/// What reading a pasted or uploaded page gave: a proposal to review (<see cref="SaveOutcome.Saved"/>), or the
/// refusal (<see cref="SaveOutcome.Invalid"/>) with <see cref="Reason"/> for the log.
/// </summary>
public sealed record ImportParseResult(SaveOutcome Outcome, FieldErrors? Errors = null, string? Reason = null,
    ImportResult? Proposal = null, string? Text = null, string? Encoding = null)
{
    /// <summary>The refusal as one line, as the upload page shows it.</summary>
    public string? Message => Errors is { IsValid: false } errors ? string.Join(" ", errors.All.Select(e => e.Message)) : null;
}

/// <summary>
/// What creating the drafts gave. <see cref="SaveOutcome.Saved"/>: the batch (<see cref="Repeated"/> when it had been created
/// before, nothing new); <see cref="SaveOutcome.Invalid"/>: the review must be shown again with the message;
/// <see cref="SaveOutcome.Refused"/>: the posted review is unusable and the page must be imported again.
/// </summary>
public sealed record ImportCreateResult(SaveOutcome Outcome, string? Batch = null, FieldErrors? Errors = null, bool Repeated = false,
    DraftImportResult? Created = null, DraftImportRequest? Target = null)
{
    public string? Message => Errors is { IsValid: false } errors ? string.Join(" ", errors.All.Select(e => e.Message)) : null;
}

public sealed record ImportUnitOption(int Id, string Name, string ShortName);

/// <summary>The review screen: the proposal, the page text beside it, and the choices it offers.</summary>
public sealed record ImportReview(
    ImportResult Proposal,
    string ProposalJson,
    IReadOnlyList<string> SourceLines,
    IReadOnlyList<ImportUnitOption> Units,
    string UnitsJson,
    string SourceLinesJson,
    string TargetLabel,
    string? Error)
{
    /// <summary>Stories that already exist and that an article may be instead of a new draft (same page, or same title).</summary>
    public IReadOnlyList<ImportExistingStory> Existing { get; init; } = [];

    /// <summary><see cref="Existing"/> for the review script.</summary>
    public string ExistingJson { get; init; } = "[]";

    /// <summary>The key of a text in <see cref="SourceLinesJson"/>: its length and first 24 UTF-16 units (the script computes the same).</summary>
    public static string SourceKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length.ToString(CultureInfo.InvariantCulture) + ":" + text[..Math.Min(24, text.Length)];
    }

    /// <summary>"第 12 行" or "第 12–14 行".</summary>
    public static string LineLabel(IReadOnlyList<int> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        return lines.Count == 0 ? string.Empty : lines.Min() == lines.Max() ? $"原文第 {lines.Min()} 行" : $"原文第 {lines.Min()}–{lines.Max()} 行";
    }

    public int UnattachedCount => Proposal.Warnings.Count(w => w.Kind is ImportWarningKind.Unattached);

    /// <summary>The unit preselected for a kicker: one whose full or short name is exactly the kicker.</summary>
    public int? MatchingUnit(string? kicker) =>
        kicker is null ? null : Units.FirstOrDefault(u => u.Name == kicker || u.ShortName == kicker)?.Id;

    /// <summary>The choice shown for an article: what the editor posted, else the matching unit, else none.</summary>
    public string ChoiceFor(IReadOnlyList<string> posted, int index, string? kicker)
    {
        ArgumentNullException.ThrowIfNull(posted);
        return index < posted.Count ? posted[index] : MatchingUnit(kicker)?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
    }
}

/// <summary>An existing story an imported article may be linked to.</summary>
public sealed record ImportExistingStory(int Id, string Title, string Status);

public sealed record ImportResultArticle(int Id, string Title, string? Kicker, string Status, IReadOnlyList<string> Units);

/// <summary>What a batch created, for the result page: the drafts in page order, the feature and the edition page.</summary>
public sealed record ImportBatch(string Batch, IReadOnlyList<ImportResultArticle> Articles, int? FeatureId, string? FeatureTitle,
    string? PageLabel, int? EditionId, string? EditionDate);

/// <summary>
/// 导入版面 for the admin: reads a pasted or uploaded page into a proposal, checks the target page and the posted
/// review (which the server does not keep), and creates the drafts through <see cref="DraftCreator"/>, once per batch key.
/// </summary>
public sealed class PageImportDesk(NewsDbContext db, DraftCreator creator, TimeProvider clock)
{
    public const string BothGivenMessage = "请在“粘贴文字”和“上传文件”中二选一。";
    public const string NothingGivenMessage = "请粘贴版面文字，或选择一个 .txt 文件或版面 PDF。";

    /// <summary>A PDF of several pages: the review works on one page at a time.</summary>
    public static string OnePagePdfMessage(int pages) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"这个 PDF 有 {pages} 页。请每版单独上传（一个版面一个 PDF 文件）。");
    public const string ConfirmUnattachedMessage = "还有未归属的文字。请把它们加入稿件，或勾选“我已核对”后再创建（未归属的文字不会保存）。";
    public const string CorruptBatchMessage = "导入数据已损坏，请重新导入这一版。";
    public const string UnitChoicesMessage = "单位选择与稿件数量不一致，请重新选择后再创建。";
    public const string LinkChoicesMessage = "稿件来源的选择与稿件数量不一致，或所选的已有稿件不存在，请重新选择后再创建。";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Today in China, as the upload form's date field wants it.</summary>
    public string Today() => Iso(ChinaTime.Today(clock.GetUtcNow().UtcDateTime));

    public Task<List<Choice>> SectionChoicesAsync(CancellationToken cancellationToken = default) => db.SectionChoicesAsync(cancellationToken);

    /// <summary>
    /// Reads the page (pasted text, or a .txt file or the page's PDF, not both) into a proposal, after checking where
    /// it goes. A PDF is read from its geometry (<see cref="PrintPageImporter.ImportPdf"/>); the review then carries its
    /// text in reading order as the source.
    /// </summary>
    public async Task<ImportParseResult> ParseAsync(ImportTargetInput target, string? text, ImportFile? file, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (_, targetErrors) = await ReadTargetAsync(target, cancellationToken).ConfigureAwait(false);
        if (!targetErrors.IsValid)
        {
            return new(SaveOutcome.Invalid, targetErrors, "target");
        }
        var hasFile = file is { Length: > 0 };
        var hasText = !string.IsNullOrWhiteSpace(text);
        if (hasFile && hasText)
        {
            return Refused("Text", BothGivenMessage, "both");
        }
        if (!hasFile && !hasText && file is null)
        {
            return Refused("Text", NothingGivenMessage, "nothing");
        }
        string? encoding = null;
        try
        {
            if (hasFile)
            {
                if (file!.Length > PrintPageImporter.MaxPdfBytes)
                {
                    // Refused on the declared length, before the file is read into memory.
                    throw new ImportInputException(ImportInputReason.PdfTooLarge);
                }
                var bytes = new byte[file.Length];
                await file.Content.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
                if (PrintPageImporter.IsPdf(bytes))
                {
                    if (PrintPageImporter.CountPdfPages(bytes) is var pages and > 1)
                    {
                        return Refused("File", OnePagePdfMessage(pages), "pdf-pages");
                    }
                    var read = (await ImporterAsync(cancellationToken).ConfigureAwait(false)).ImportPdf(bytes);
                    return new(SaveOutcome.Saved, Proposal: read, Text: string.Join('\n', read.Page?.ReadingOrder ?? []), Encoding: "PDF");
                }
                if (bytes.Length > PrintPageImporter.MaxBytes)
                {
                    throw new ImportInputException(ImportInputReason.TooLarge);
                }
                (text, encoding) = PrintPageImporter.Decode(bytes);
            }
            else
            {
                // Pasted text, or an empty file or only whitespace: the importer words the refusal.
                text ??= string.Empty;
            }
            var proposal = (await ImporterAsync(cancellationToken).ConfigureAwait(false)).Import(text);
            return new(SaveOutcome.Saved, Proposal: proposal, Text: text, Encoding: encoding);
        }
        catch (ImportInputException ex)
        {
            return Refused(hasFile ? "File" : "Text", ex.Message, ex.Reason.ToString());
        }
    }

    /// <summary>Checks the posted review again and creates the drafts; a batch key already used creates nothing.</summary>
    public async Task<ImportCreateResult> CreateAsync(ImportReviewInput form, NewsroomUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(user);
        if (!Guid.TryParseExact(form.Batch, "N", out _))
        {
            return new(SaveOutcome.Refused, Errors: One(nameof(form.Batch), CorruptBatchMessage));
        }
        var key = form.Batch!;
        // A second click, or the form posted again from the browser's history: the first one's result.
        if (await creator.FindBatchAsync(key, cancellationToken).ConfigureAwait(false) is not null)
        {
            return new(SaveOutcome.Saved, key, Repeated: true);
        }
        var (target, targetErrors) = await ReadTargetAsync(form, cancellationToken).ConfigureAwait(false);
        ImportResult proposal;
        try
        {
            proposal = ImportProposal.Parse(form.Proposal);
        }
        catch (ImportProposalException ex)
        {
            return new(SaveOutcome.Invalid, key, One(nameof(form.Proposal), ex.Message));
        }
        if (!targetErrors.IsValid)
        {
            return new(SaveOutcome.Invalid, key, targetErrors);
        }
        if (proposal.Warnings.Any(w => w.Kind == ImportWarningKind.Unattached) && !form.ConfirmUnattached)
        {
            return new(SaveOutcome.Invalid, key, One(nameof(form.ConfirmUnattached), ConfirmUnattachedMessage));
        }
        if (ReadUnitChoices(form.UnitChoice, proposal) is not { } choices)
        {
            return new(SaveOutcome.Invalid, key, One(nameof(form.UnitChoice), UnitChoicesMessage));
        }
        if (await ReadLinksAsync(form.LinkTo, proposal, cancellationToken).ConfigureAwait(false) is not { } links)
        {
            return new(SaveOutcome.Invalid, key, One(nameof(form.LinkTo), LinkChoicesMessage));
        }
        DraftImportResult created;
        try
        {
            created = await creator.CreateAsync(proposal, target! with { Units = choices, BatchKey = key, Facsimile = form.Facsimile, LinkTo = links },
                user, cancellationToken).ConfigureAwait(false);
        }
        catch (ImportProposalException ex)
        {
            return new(SaveOutcome.Invalid, key, One(nameof(form.Proposal), ex.Message));
        }
        return new(SaveOutcome.Saved, key, Repeated: created.AlreadyCreated, Created: created, Target: target);
    }

    /// <summary>The review screen for a freshly read page.</summary>
    public Task<ImportReview> ReviewAsync(ImportReviewInput form, ImportResult proposal, CancellationToken cancellationToken = default) =>
        ReviewAsync(form, proposal, ImportJson.Serialize(proposal), null, cancellationToken);

    /// <summary>
    /// The review screen again after a refusal, with the editor's own proposal (the script restores it from the posted
    /// JSON); the server-drawn fallback is the page imported afresh from the carried text. Null when even that text
    /// cannot be imported: the page must be imported again.
    /// </summary>
    public async Task<ImportReview?> ReviewAgainAsync(ImportReviewInput form, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        ImportResult fallback;
        try
        {
            fallback = (await ImporterAsync(cancellationToken).ConfigureAwait(false)).Import(form.Source ?? string.Empty);
        }
        catch (ImportInputException)
        {
            return null;
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
        return await ReviewAsync(form, fallback, json!, error, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What a batch created, or null for an unknown batch.</summary>
    public async Task<ImportBatch?> BatchAsync(Guid batch, CancellationToken cancellationToken = default)
    {
        var key = batch.ToString("N");
        var found = await creator.FindBatchAsync(key, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return null;
        }
        var ids = found.ArticleIds;
        var rows = await db.Articles.Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Title, a.Kicker, a.Status, Units = a.Units.OrderByDescending(u => u.IsPrimary).Select(u => u.Unit!.Name).ToList() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        // In page order, as the batch created them; a story deleted since then is simply not listed.
        var articles = ids.SelectMany(id => rows.Where(r => r.Id == id))
            .Select(r => new ImportResultArticle(r.Id, r.Title, r.Kicker, r.Status.Label(), r.Units)).ToList();
        var feature = found.FeatureId is { } featureId
            ? await db.Features.Where(f => f.Id == featureId).Select(f => f.Title).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;
        var page = await db.EditionPages.Where(p => p.Id == found.EditionPageId)
            .Select(p => new { p.Number, p.Name, p.EditionId, p.Edition!.Date }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return new(key, articles, feature is null ? null : found.FeatureId, feature,
            page is null ? null : $"第{page.Number}版 {page.Name}", page?.EditionId, page is null ? null : ChinaTime.FormatDate(page.Date));
    }

    /// <summary>Reads the target page; the request is null and the errors say why when a field is wrong.</summary>
    internal async Task<(DraftImportRequest? Request, FieldErrors Errors)> ReadTargetAsync(ImportTargetInput form, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var today = ChinaTime.Today(clock.GetUtcNow().UtcDateTime);
        if (!TryParseDate(form.Date, out var date) || date.Year < 1949 || date > today.AddYears(1))
        {
            errors.Add(nameof(form.Date), "请填写出版日期（如 2021-12-10）。");
        }
        if (!int.TryParse(form.PageNumber?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number is < 1 or > 999)
        {
            errors.Add(nameof(form.PageNumber), "版次请填写 1–999 的数字。");
        }
        var pageName = FieldErrors.Clean(form.PageName);
        if (pageName?.Length > 50)
        {
            errors.Add(nameof(form.PageName), "版名不超过 50 字。");
        }
        if (form.SectionId is not { } sectionId || !await db.Sections.AnyAsync(s => s.Id == sectionId, cancellationToken).ConfigureAwait(false))
        {
            errors.Add(nameof(form.SectionId), "请选择栏目。");
        }
        return errors.IsValid ? (new DraftImportRequest(date, number, pageName, form.SectionId!.Value), errors) : (null, errors);
    }

    /// <summary>
    /// One existing story id (or null: a new draft) per article; an empty list is all new drafts. Null when the list
    /// does not match the articles, names a story that does not exist, or names one story twice.
    /// </summary>
    internal async Task<List<int?>?> ReadLinksAsync(IReadOnlyList<string> posted, ImportResult proposal, CancellationToken cancellationToken)
    {
        if (posted.Count == 0)
        {
            return proposal.Articles.Select(_ => (int?)null).ToList();
        }
        if (posted.Count != proposal.Articles.Count)
        {
            return null;
        }
        var links = new List<int?>();
        foreach (var value in posted)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                links.Add(null);
            }
            else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
            {
                links.Add(id);
            }
            else
            {
                return null;
            }
        }
        var ids = links.OfType<int>().ToList();
        if (ids.Distinct().Count() != ids.Count)
        {
            return null;
        }
        var found = await db.Articles.CountAsync(a => ids.Contains(a.Id), cancellationToken).ConfigureAwait(false);
        return found == ids.Count ? links : null;
    }

    /// <summary>One value per article: empty (no unit), a unit id, or "new". Null when the list does not match the articles.</summary>
    internal static List<UnitChoice>? ReadUnitChoices(IReadOnlyList<string> posted, ImportResult proposal)
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

    private async Task<ImportReview> ReviewAsync(ImportReviewInput form, ImportResult proposal, string json, string? error, CancellationToken cancellationToken)
    {
        var units = await db.Units.OrderBy(u => u.Name).Select(u => new ImportUnitOption(u.Id, u.Name, u.ShortName)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var sections = await db.SectionChoicesAsync(cancellationToken).ConfigureAwait(false);
        var section = sections.FirstOrDefault(s => s.Id == form.SectionId)?.Label;
        var label = TryParseDate(form.Date, out var date) ? ChinaTime.FormatDate(date) : form.Date;
        label += $" 第{form.PageNumber}版";
        if (FieldErrors.Clean(form.PageName) is { } pageName)
        {
            label += " · " + pageName;
        }
        if (section is not null)
        {
            label += " · 栏目：" + section;
        }
        var lines = (form.Source ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var unitsJson = JsonSerializer.Serialize(units.Select(u => new { id = u.Id, name = u.Name, shortName = u.ShortName }), JsonOptions);
        var existing = await ExistingAsync(form, proposal, cancellationToken).ConfigureAwait(false);
        return new ImportReview(proposal, json, lines, units, unitsJson, SourceLinesJson(proposal), label, error)
        {
            Existing = existing,
            ExistingJson = JsonSerializer.Serialize(existing.Select(e => new { id = e.Id, title = e.Title, status = e.Status }), JsonOptions),
        };
    }

    /// <summary>
    /// The stories an article may be instead of a new draft: those already on the target page, and those with the
    /// same title as a proposed article (published online first). At most fifty.
    /// </summary>
    private async Task<IReadOnlyList<ImportExistingStory>> ExistingAsync(ImportReviewInput form, ImportResult proposal, CancellationToken cancellationToken)
    {
        var titles = proposal.Articles.Select(a => a.Title).Where(t => !string.IsNullOrWhiteSpace(t)).Distinct(StringComparer.Ordinal).ToList();
        var onPage = TryParseDate(form.Date, out var date)
            & int.TryParse(form.PageNumber?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number);
        var rows = await db.Articles
            .Where(a => titles.Contains(a.Title) || (onPage && a.EditionPage!.Number == number && a.EditionPage.Edition!.Date == date))
            .OrderByDescending(a => a.Id).Take(50)
            .Select(a => new { a.Id, a.Title, a.Status })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new ImportExistingStory(r.Id, r.Title, r.Status.Label())).ToList();
    }

    /// <summary>
    /// Where each paragraph and warning was printed, for the review script's "原文第 N 行" links. Keyed by
    /// the text's length and first characters (<see cref="ImportReview.SourceKey"/>), so that a
    /// paragraph keeps its lines wherever the editor moves it. Not part of the proposal.
    /// </summary>
    private static string SourceLinesJson(ImportResult proposal)
    {
        var map = new Dictionary<string, IReadOnlyList<int>>(StringComparer.Ordinal);
        foreach (var section in proposal.Articles.SelectMany(a => a.Sections))
        {
            for (var i = 0; i < section.Paragraphs.Count && i < section.ParagraphLines.Count; i++)
            {
                map.TryAdd(ImportReview.SourceKey(section.Paragraphs[i]), section.ParagraphLines[i]);
            }
        }
        foreach (var warning in proposal.Warnings.Where(w => w.Lines.Count > 0))
        {
            map.TryAdd(ImportReview.SourceKey(warning.Text), warning.Lines);
        }
        return JsonSerializer.Serialize(map, JsonOptions);
    }

    /// <summary>
    /// An importer that knows the newsroom's units, so that a one-line header opening with a unit's
    /// name or short name (盐湖区 社区里的…) is read as kicker and headline even when the name's form
    /// alone would not say so.
    /// </summary>
    private async Task<PrintPageImporter> ImporterAsync(CancellationToken cancellationToken)
    {
        var units = await db.Units.Select(u => new { u.Name, u.ShortName }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new PrintPageImporter(units.SelectMany(u => new[] { u.Name, u.ShortName }).OfType<string>());
    }

    private static ImportParseResult Refused(string field, string message, string reason) => new(SaveOutcome.Invalid, One(field, message), reason);

    private static FieldErrors One(string field, string message)
    {
        var errors = new FieldErrors();
        errors.Add(field, message);
        return errors;
    }

    private static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
