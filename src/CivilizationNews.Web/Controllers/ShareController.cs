using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Reading;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace CivilizationNews.Web.Controllers;

/// <summary>
/// Sharing an article: a QR code of its canonical URL for WeChat (微信扫一扫), drawn on the server
/// as SVG so it needs no script, scales to any screen and prints sharp.
/// </summary>
[OutputCache(PolicyName = OutputCaching.PublicPolicy)]
public sealed class ShareController(ArticleReader articles, PublicUrls urls) : Controller
{
    /// <summary>A day: the URL a code encodes changes only when the site's public origin does.</summary>
    private const string CacheControl = "public, max-age=86400";

    [HttpGet("/article/{id:int:min(1)}/qr.svg")]
    public async Task<IActionResult> ArticleQr(int id, CancellationToken cancellationToken)
    {
        if (!await articles.IsPublishedAsync(id, cancellationToken))
        {
            return NotFound();
        }
        HttpContext.AddCacheTags(ContentTags.Article(id));
        Response.Headers[HeaderNames.CacheControl] = CacheControl;
        return Content(QrSvg(urls.Absolute(Request, PublicPaths.Article(id))), "image/svg+xml; charset=utf-8");
    }

    /// <summary>The share QR code of <paramref name="text"/> (<see cref="QrCodes.Svg"/>).</summary>
    public static string QrSvg(string text) => QrCodes.Svg(text);
}
