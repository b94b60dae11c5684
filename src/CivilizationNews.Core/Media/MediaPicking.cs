using System.Globalization;
using System.Text.RegularExpressions;

namespace CivilizationNews.Core.Media;

/// <summary>
/// A photo as the story editor's photo area and its library picker show it: the same facts as a library
/// grid tile (<see cref="MediaTile"/>) plus what editing it in place needs (the credit's parts, the Version
/// loaded, whether its alt text still has to be written). Nothing about the stories that use it beyond the count.
/// </summary>
public sealed record PickerTile(
    int Id, string Alt, string? Caption, string? Credit, int? CreditContributorId, CreditKind CreditKind,
    int Width, int Height, DateTime CreatedAt, int Uses, Guid Version)
{
    /// <summary>Whether the pre-publish check would refuse this photo for want of alt text.</summary>
    public bool AltMissing => AltTexts.IsMissing(Alt);
}

/// <summary>
/// What the picker searches for. <see cref="Text"/> is looked for in the alt text, caption, credit and the names of
/// units (a unit's logo, or a unit of a story using the photo that the member may see); <see cref="Date"/> is a China
/// date: the day the photo was uploaded, or the publication or print day of a published story using it.
/// </summary>
public sealed record MediaSearch(string? Text, DateOnly? Date)
{
    /// <summary>A date typed as 2021-12-10, 2021/12/10 or 2021年12月10日; anything else is no date.</summary>
    public static DateOnly? ParseDate(string? value)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        string[] formats = ["yyyy-MM-dd", "yyyy-M-d", "yyyy/M/d", "yyyy年M月d日"];
        return DateOnly.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }
}

/// <summary>Alt text that is as good as none: blank, or a placeholder written for the editor to replace.</summary>
public static partial class AltTexts
{
    /// <summary>The alt text of a picture the story editor brought in (dropped, pasted, fetched), until someone writes a real one.</summary>
    public const string Pending = "待补充图片说明";

    /// <summary>The Word importer's placeholder (DocxImportDesk): 《标题》的第 N 张图片.</summary>
    [GeneratedRegex(@"^《.*》的第 \d+ 张图片$", RegexOptions.None, Importing.ImportLimits.RegexTimeoutMilliseconds)]
    private static partial Regex WordPlaceholder();

    public static bool IsMissing(string? alt)
    {
        var text = alt?.Trim();
        return string.IsNullOrEmpty(text) || text == Pending || WordPlaceholder().IsMatch(text);
    }
}
