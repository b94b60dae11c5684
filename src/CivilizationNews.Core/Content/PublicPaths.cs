using System.Globalization;

namespace CivilizationNews.Core.Content;

/// <summary>
/// The canonical path of each public page: one path per page, no trailing slash, no query. Feeds,
/// sitemaps, structured data and link push all build their absolute URLs from these, so a page is
/// never announced under two addresses.
/// </summary>
public static class PublicPaths
{
    public const string Home = "/";
    public const string Epaper = "/epaper";
    public const string Search = "/search";
    public const string UnitDirectory = "/units";
    public const string EpaperArchive = "/epaper/archive";

    /// <summary>Every correction (更正) to a published story, newest first.</summary>
    public const string Corrections = "/corrections";

    /// <summary>The stable short URL of a story: its number.</summary>
    public static string Article(int id) => string.Create(CultureInfo.InvariantCulture, $"/article/{id}");

    /// <summary>The QR code of a story's address, for the print-friendly share box.</summary>
    public static string ArticleQrCode(int id) => Article(id) + "/qr.svg";

    public static string Section(string slug) => "/section/" + Uri.EscapeDataString(slug);

    public static string Unit(string slug) => "/unit/" + Uri.EscapeDataString(slug);

    public static string Contributor(string slug) => "/contributor/" + Uri.EscapeDataString(slug);

    public static string Tag(string name) => "/tag/" + Uri.EscapeDataString(name);

    public static string Feature(string slug) => "/feature/" + Uri.EscapeDataString(slug);

    public static string Edition(DateOnly date) => "/epaper/" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string EditionPage(DateOnly date, int page) =>
        string.Create(CultureInfo.InvariantCulture, $"{Edition(date)}/{page}");

    /// <summary>A rendition of a page's facsimile image: /epaper/2021-12-10/5/image/w960.webp.</summary>
    public static string EditionPageImage(DateOnly date, int page, string rendition) => $"{EditionPage(date, page)}/image/{rendition}";

    public static string EditionPageImage(DateOnly date, int page, int width, string extension) =>
        EditionPageImage(date, page, string.Create(CultureInfo.InvariantCulture, $"w{width}.{extension}"));

    /// <summary>The page's PDF as printed: /epaper/2021-12-10/5/pdf.</summary>
    public static string EditionPagePdf(DateOnly date, int page) => $"{EditionPage(date, page)}/pdf";

    /// <summary>One stored rendition of a library photo by name ("original", "w480.jpg", "w960.webp" …).</summary>
    public static string Photo(int mediaId, string rendition) => string.Create(CultureInfo.InvariantCulture, $"/media/{mediaId}/{rendition}");

    /// <summary>The rendition <paramref name="width"/> pixels wide (never upscaled), "jpg" or "webp".</summary>
    public static string Photo(int mediaId, int width, string extension) =>
        Photo(mediaId, string.Create(CultureInfo.InvariantCulture, $"w{width}.{extension}"));

    /// <summary>The JPEG rendition that feeds and structured data point to (960 px wide, never upscaled).</summary>
    public static string PhotoJpeg(int mediaId) => Photo(mediaId, FeedPhotoRendition);

    public const string FeedPhotoRendition = "w960.jpg";

    /// <summary>Joins an origin (https://news.example.cn, no trailing slash) and a canonical path.</summary>
    public static Uri Absolute(string origin, string path) => new(origin.TrimEnd('/') + path, UriKind.Absolute);
}
