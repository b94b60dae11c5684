using CivilizationNews.Core.Content;
using Microsoft.Extensions.Options;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>
/// Absolute URLs for canonical links, feeds, sitemaps and structured data: Site:PublicBaseUrl when
/// set (behind a proxy the request's host may be an internal name), otherwise the request's origin.
/// </summary>
public sealed class PublicUrls(IOptions<SiteOptions> site)
{
    /// <summary>https://news.example.cn, without a trailing slash.</summary>
    public string Origin(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var configured = site.Value.PublicBaseUrl;
        return string.IsNullOrWhiteSpace(configured)
            ? $"{request.Scheme}://{request.Host}"
            : configured.Trim().TrimEnd('/');
    }

    /// <summary>The absolute form of a canonical path (see <see cref="PublicPaths"/>).</summary>
    public string Absolute(HttpRequest request, string path) => Origin(request) + path;
}
