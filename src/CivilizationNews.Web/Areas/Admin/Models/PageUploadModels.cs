using CivilizationNews.Core.Content;
using CivilizationNews.Core.Editions;

namespace CivilizationNews.Web.Areas.Admin.Models;

/// <summary>The 上传版面 form: the edition date, the section for the drafts, and the files.</summary>
public sealed record PageUploadForm
{
    public string? Date { get; set; }

    public int? SectionId { get; set; }

    public List<IFormFile> Files { get; set; } = [];
}

/// <summary>The 上传版面 page: the form, the sections, and the uploads of the last two weeks.</summary>
public sealed record PageUploadPage(PageUploadForm Form, IReadOnlyList<Choice> Sections, IReadOnlyList<FacsimileUploadRow> Uploads, bool Refresh,
    string? Error = null);

/// <summary>One upload's state, as the list's script polls it.</summary>
public sealed record PageUploadState(string Key, string Status, string Label, string? Note, int PageNumber, string? PageName, int Stories);
