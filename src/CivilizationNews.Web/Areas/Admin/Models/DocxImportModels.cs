using CivilizationNews.Core.Content;

namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>从 Word 导入: the .docx and the section its draft goes in. The file's name is kept for the audit record only: the bytes decide what it is.</summary>
public record DocxUploadForm
{
    public IFormFile? File { get; set; }
    public int SectionId { get; set; }
}

/// <summary>The upload page: the form's fields (so that asp-for names them as posted), the sections, and a refusal to show.</summary>
public sealed record DocxUploadPage : DocxUploadForm
{
    public DocxUploadPage(DocxUploadForm form, IReadOnlyList<Choice> sections, string? error = null)
        : base(form)
    {
        Sections = sections;
        Error = error;
    }

    public IReadOnlyList<Choice> Sections { get; }

    public string? Error { get; }
}
