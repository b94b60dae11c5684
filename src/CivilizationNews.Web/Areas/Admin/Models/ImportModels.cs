using CivilizationNews.Core.Content;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Importing;

namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>The upload form: pasted text or a .txt file, plus the target page.</summary>
public record ImportUploadForm : ImportTargetInput
{
    public string? Text { get; set; }

    public IFormFile? File { get; set; }
}

/// <summary>The upload page: the form's own fields (so that asp-for names them Date, PageNumber as posted), the sections and the refusal.</summary>
public sealed record ImportUploadPage : ImportUploadForm
{
    public ImportUploadPage(ImportUploadForm form, IReadOnlyList<Choice> sections, string? error = null)
        : base(form)
    {
        Sections = sections;
        Error = error;
    }

    public IReadOnlyList<Choice> Sections { get; }

    public string? Error { get; }
}

/// <summary>The review page: the review form's own fields (posted back as hidden fields) and the review around them.</summary>
public sealed record ImportReviewPage : ImportReviewInput
{
    public ImportReviewPage(ImportReviewInput form, ImportReview review)
        : base(form)
    {
        Review = review;
        // The proposal posted back is the one shown: the editor's own, or the page imported afresh when theirs was unreadable.
        Proposal = review.ProposalJson;
    }

    public ImportReview Review { get; }

    /// <summary>The uploaded page the review was read from (上传版面), drawn beside the proposal with its regions.</summary>
    public FacsimileForReview? PageImage { get; init; }
}
