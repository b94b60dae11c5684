using System.Net;
using CivilizationNews.Core.Media;
using CivilizationNews.Tests.Common;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace CivilizationNews.BrowserTests.Infrastructure;

/// <summary>
/// The portal beside a second web server that plays the part of WeChat's picture host (mmbiz.qpic.cn):
/// an article pasted from WeChat names its pictures there, and the server fetches them into the library.
/// Both servers are on 127.0.0.1, which the app's fetcher rightly refuses (SSRF), so this host gives the app
/// a fetcher that also allows the loopback address, and nothing else changes: the same endpoint, the same
/// redirect, size and type checks, the same library upload.
/// </summary>
public sealed class PictureSiteHost : PortalHost
{
    private WebApplication? _site;

    /// <summary>The picture site's address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri PictureSite { get; private set; } = default!;

    /// <summary>How many picture requests the site has answered (the browser itself must never ask it).</summary>
    public int PictureRequests => _requests;

    private int _requests;

    /// <summary>The picture at <c>/mmbiz_jpg/{key}/640</c>: a JPEG whose width and height are taken from the key (<c>w640h427</c>).</summary>
    public static (int Width, int Height) SizeOf(string key)
    {
        var match = System.Text.RegularExpressions.Regex.Match(key, @"^w(\d{2,4})h(\d{2,4})");
        return match.Success
            ? (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))
            : (0, 0);
    }

    protected override async Task StartNeighboursAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _site = builder.Build();
        _site.MapGet("/mmbiz_jpg/{key}/640", (string key) =>
        {
            Interlocked.Increment(ref _requests);
            var (width, height) = SizeOf(key);
            return width == 0 ? Results.NotFound() : Results.File(TestImages.Encode(width, height, SKEncodedImageFormat.Jpeg), "image/jpeg");
        });
        await _site.StartAsync();
        PictureSite = new Uri(_site.Urls.First() + "/");
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton(_ => new RemoteImageFetcher(address => RemoteImageFetcher.IsPublicAddress(address) || IPAddress.IsLoopback(address)));

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }
}
