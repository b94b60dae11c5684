using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using CivilizationNews.Web.Tests.Support;

namespace CivilizationNews.Web.Tests.Areas.Admin;

/// <summary>Helpers for the management-page tests: multipart uploads with the page's token, and test images.</summary>
internal static class ManagementTestKit
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Posts a multipart form (with one file) after reading the antiforgery token from the page, as a browser does.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Dictionary<string, string> fields, string fileName, string contentType, byte[] data)
    {
        var token = await AdminClient.TokenAsync(client, "/admin/media/upload");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, "File", fileName);
        return await client.PostAsync(new Uri("/admin/media/upload", UriKind.Relative), content, Ct);
    }

    /// <summary>The text of the page's error messages (summary, field errors and flash), whitespace collapsed.</summary>
    public static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(Ct);
        var doc = new HtmlParser().ParseDocument(html);
        return string.Join(" | ", doc.QuerySelectorAll(".form-errors li, .field-error, .flash-error").Select(e => e.Text()).Where(t => t.Length > 0));
    }

    public static async Task<string> FlashAsync(HttpClient client, string url)
    {
        var (_, doc) = await Html.GetAsync(client, url);
        return string.Join(" | ", doc.QuerySelectorAll(".flash").Select(e => e.Text()));
    }

    public static int IdFrom(HttpResponseMessage redirect, int segment)
    {
        var location = redirect.Headers.Location!.OriginalString.Split('#')[0];
        return int.Parse(location.Split('/')[segment], System.Globalization.CultureInfo.InvariantCulture);
    }
}
