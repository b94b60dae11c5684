using CivilizationNews.Core.Importing;

namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>Where the page's drafts go. Strings and nullables so that the controller words every error itself.</summary>
public class ImportTargetForm
{
    public string? Date { get; set; }

    public string? PageNumber { get; set; }

    public string? PageName { get; set; }

    public int? SectionId { get; set; }
}

/// <summary>The upload form: pasted text or a .txt file, plus the target page.</summary>
public sealed class ImportUploadForm : ImportTargetForm
{
    public string? Text { get; set; }

    public IFormFile? File { get; set; }
}

/// <summary>
/// The review form as posted. <see cref="Proposal"/> is the whole review state, as IMPORT-FORMAT JSON;
/// the server keeps nothing between requests. <see cref="UnitChoice"/> holds one value per article in
/// order: empty (no unit), a unit id, or "new" (create a unit named after the kicker).
/// </summary>
public sealed class ImportReviewForm : ImportTargetForm
{
    public string? Proposal { get; set; }

    /// <summary>The page text, carried along so that the review screen can be shown again after an error.</summary>
    public string? Source { get; set; }

    public string? SourceEncoding { get; set; }

    /// <summary>A one-time key: the same form posted twice creates the drafts once.</summary>
    public string? Batch { get; set; }

    public List<string> UnitChoice { get; set; } = [];

    /// <summary>The editor has seen the text still unattached, which is not saved with the drafts.</summary>
    public bool ConfirmUnattached { get; set; }
}

public sealed record ImportUnitOption(int Id, string Name, string ShortName);

public sealed record ImportUploadPage(ImportUploadForm Form, IReadOnlyList<ChoiceOption> Sections, string? Error);

/// <summary>The review screen: the proposal, the page text beside it, and the choices it offers.</summary>
public sealed record ImportReviewPage(
    ImportReviewForm Form,
    ImportResult Proposal,
    string ProposalJson,
    IReadOnlyList<string> SourceLines,
    IReadOnlyList<ImportUnitOption> Units,
    string UnitsJson,
    string SourceLinesJson,
    string TargetLabel,
    string? Error)
{
    /// <summary>The key of a text in <see cref="SourceLinesJson"/>: its length and first 24 UTF-16 units (the script computes the same).</summary>
    public static string SourceKey(string text) =>
        text.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + text[..Math.Min(24, text.Length)];

    /// <summary>"第 12 行" or "第 12–14 行".</summary>
    public static string LineLabel(IReadOnlyList<int> lines) =>
        lines.Count == 0 ? string.Empty : lines.Min() == lines.Max() ? $"原文第 {lines.Min()} 行" : $"原文第 {lines.Min()}–{lines.Max()} 行";

    public int UnattachedCount => Proposal.Warnings.Count(w => w.Kind is ImportWarningKind.Unattached);

    /// <summary>The unit preselected for a kicker: one whose full or short name is exactly the kicker.</summary>
    public int? MatchingUnit(string? kicker) =>
        kicker is null ? null : Units.FirstOrDefault(u => u.Name == kicker || u.ShortName == kicker)?.Id;

    /// <summary>The choice shown for an article: what the editor posted, else the matching unit, else none.</summary>
    public string ChoiceFor(int index, string? kicker) =>
        index < Form.UnitChoice.Count ? Form.UnitChoice[index] : MatchingUnit(kicker)?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
}

public sealed record ImportResultArticle(int Id, string Title, string? Kicker, string Status, IReadOnlyList<string> Units);

public sealed record ImportResultPage(string Batch, IReadOnlyList<ImportResultArticle> Articles, int? FeatureId, string? FeatureTitle, string? PageLabel, int? EditionPageEditionId, string? EditionDate);
