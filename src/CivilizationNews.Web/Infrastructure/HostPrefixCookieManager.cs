using Microsoft.AspNetCore.Authentication.Cookies;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>
/// Names session cookies with the <c>__Host-</c> prefix on HTTPS requests (ASVS 3.4.4): the browser then
/// accepts them only Secure, for path /, without a Domain, so no sibling subdomain or plain-HTTP response
/// can plant or overwrite one. A local run on http://localhost has no HTTPS, where a browser would refuse
/// a prefixed cookie, so there the plain name is used; a deployed site receives only HTTPS requests
/// (SecurityHeaders redirects the rest before any cookie is set).
/// </summary>
public sealed class HostPrefixCookieManager : ICookieManager
{
    public const string Prefix = "__Host-";

    private readonly ChunkingCookieManager _inner = new();

    public string? GetRequestCookie(HttpContext context, string key)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _inner.GetRequestCookie(context, Name(context, key));
    }

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        _inner.AppendResponseCookie(context, Name(context, key), value, Prefixed(context, options));
    }

    public void DeleteCookie(HttpContext context, string key, CookieOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        _inner.DeleteCookie(context, Name(context, key), Prefixed(context, options));
    }

    private static string Name(HttpContext context, string key) => context.Request.IsHttps ? Prefix + key : key;

    /// <summary>What the prefix requires of the cookie.</summary>
    private static CookieOptions Prefixed(HttpContext context, CookieOptions options)
    {
        if (context.Request.IsHttps)
        {
            options.Secure = true;
            options.Path = "/";
            options.Domain = null;
        }
        return options;
    }
}
