using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace CivilizationNews.Web.Tests.Support;

public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<(HttpResponseMessage Response, IDocument Document)> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response, Parser.ParseDocument(body));
    }

    /// <summary>Text with whitespace collapsed, as a reader sees it.</summary>
    public static string Text(this IElement? element) =>
        element is null ? string.Empty : string.Join(' ', element.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
