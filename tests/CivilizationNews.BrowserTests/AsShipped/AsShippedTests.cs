using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using CivilizationNews.BrowserTests.Infrastructure;
using CivilizationNews.Web.Tests.Support;
using Microsoft.Playwright;

namespace CivilizationNews.BrowserTests.AsShipped;

/// <summary>
/// What a reader's browser gets from the portal started the documented ways: every asset the reader
/// pages reference, for every Accept-Encoding a browser sends, and a styled page whose scripts run.
/// </summary>
public abstract partial class AsShippedTests<TPortal>(TPortal portal)
    where TPortal : ShippedPortal
{
    /// <summary>What browsers send (current Chromium first), one older browser's, one that takes only Brotli, and none.</summary>
    public static readonly TheoryData<string> Encodings = new("gzip, deflate, br, zstd", "gzip", "br", "");

    private static readonly string WebRoot = Path.Combine(AppProcess.RepositoryRoot(), "src", "CivilizationNews.Web", "wwwroot");

    [Fact]
    public async Task Every_asset_of_home_article_and_epaper_is_served_whole_for_every_encoding()
    {
        using var client = CreateClient();
        var pages = await ReaderPagesAsync(client);
        var assets = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            foreach (var asset in await ReferencedAsync(client, page))
            {
                assets.Add(asset);
            }
        }
        Assert.Contains(assets, a => a.Split('?')[0].EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Split('?')[0].EndsWith(".js", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.StartsWith("/media/", StringComparison.Ordinal));

        var failures = new List<string>();
        foreach (var asset in assets)
        {
            var identity = await FetchDecodedAsync(client, asset, "", failures);
            var onDisk = FileOnDisk(asset);
            if (identity is not null && onDisk is not null && !identity.AsSpan().SequenceEqual(onDisk))
            {
                failures.Add($"{asset}: the served bytes differ from {Path.GetRelativePath(WebRoot, FileFor(asset)!)}");
            }
            foreach (var encoding in Encodings)
            {
                var decoded = await FetchDecodedAsync(client, asset, encoding, failures);
                var expected = onDisk ?? identity;
                if (decoded is not null && expected is not null && !decoded.AsSpan().SequenceEqual(expected))
                {
                    failures.Add($"{asset} with Accept-Encoding '{encoding}': {decoded.Length} decoded bytes differ from the {expected.Length} expected");
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
        Assert.True(portal.App.Problems.Count == 0, "The app logged:\n" + string.Join('\n', portal.App.Problems));
    }

    [Fact]
    public async Task Stylesheets_compress_with_the_precompressed_files()
    {
        using var client = CreateClient();
        var stylesheet = (await ReferencedAsync(client, "/")).First(a => a.Split('?')[0].EndsWith(".css", StringComparison.Ordinal));
        using var request = Request(stylesheet, "gzip");
        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        // The build's own .gz (highest level), not a transient one made per request: a length is known up front.
        Assert.NotNull(response.Content.Headers.ContentLength);
        Assert.True(response.Content.Headers.ContentLength < new FileInfo(FileFor(stylesheet)!).Length / 3,
            $"{stylesheet}: {response.Content.Headers.ContentLength} bytes gzipped");
        // Fingerprinted URL: cached for a year by browsers and proxies.
        Assert.Matches(AssetFingerprint(), stylesheet);
        Assert.Contains("immutable", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chromium_gets_a_styled_home_page_whose_scripts_run_and_whose_console_is_clean()
    {
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = Screen.Phone.Width, Height = Screen.Phone.Height },
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            ExtraHTTPHeaders = portal.ProxyHeaders,
        });
        try
        {
            var page = await context.NewPageAsync();
            var console = new List<string>();
            page.Console += (_, m) =>
            {
                if (m.Type is "error" or "warning")
                {
                    console.Add($"console.{m.Type}: {m.Text}");
                }
            };
            page.PageError += (_, e) => console.Add("script error: " + e);
            var failed = new List<string>();
            page.RequestFailed += (_, r) => failed.Add($"{r.Url}: {r.Failure}");
            page.Response += (_, r) =>
            {
                if (r.Status >= 400)
                {
                    failed.Add($"{r.Url}: {r.Status}");
                }
            };

            var response = await page.GotoAsync("/", new PageGotoOptions { WaitUntil = WaitUntilState.Commit });
            Assert.Equal(200, response?.Status);
            await ReaderSession.WaitForCompleteAsync(page);

            // site.css arrived and applied: the masthead is the red it sets, not a bare page's transparent.
            var red = MastheadRed().Match(await File.ReadAllTextAsync(Path.Combine(WebRoot, "css", "site.css"), TestContext.Current.CancellationToken));
            Assert.True(red.Success, "site.css names the masthead red (--red)");
            var expected = Rgb(red.Groups["hex"].Value);
            Assert.Equal(expected, await page.Locator(".masthead").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));

            // site.js ran: 大字版 toggles, and prefs.js keeps it.
            var toggle = page.Locator("button.text-size-toggle");
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
            await toggle.ClickAsync();
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('large-text')"));
            var folder = Path.Combine(Artifacts.Screenshots, portal.Name);
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "phone-home-large-text.png") });
            await toggle.ClickAsync();
            await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "phone-home.png") });

            Assert.True(console.Count == 0, "The browser console reported:\n" + string.Join('\n', console));
            Assert.True(failed.Count == 0, "Requests failed:\n" + string.Join('\n', failed));
            Assert.True(portal.App.Problems.Count == 0, "The app logged:\n" + string.Join('\n', portal.App.Problems));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private HttpClient CreateClient()
    {
        // Bytes exactly as sent: no automatic decompression, no redirects followed.
        var client = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
        {
            BaseAddress = portal.App.BaseAddress,
        };
        foreach (var (name, value) in portal.ProxyHeaders)
        {
            client.DefaultRequestHeaders.Add(name, value);
        }
        return client;
    }

    private static HttpRequestMessage Request(string path, string acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        if (acceptEncoding.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }
        return request;
    }

    /// <summary>The home page, the first article and the first e-paper page it links to.</summary>
    private static async Task<IReadOnlyList<string>> ReaderPagesAsync(HttpClient client)
    {
        var home = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/", UriKind.Relative)));
        var links = home.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).ToList();
        var article = links.First(h => ArticlePath().IsMatch(h));
        var epaper = links.First(h => EpaperPagePath().IsMatch(h));
        return ["/", article, epaper];
    }

    /// <summary>Every same-site stylesheet, script, icon, font and image a page references, and the url()s of its stylesheets.</summary>
    private static async Task<IReadOnlyList<string>> ReferencedAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        var found = new List<string>();
        found.AddRange(document.QuerySelectorAll("link[href]")
            .Where(l => (l.GetAttribute("rel") ?? "").Split(' ').Any(r => r is "stylesheet" or "icon" or "apple-touch-icon" or "preload" or "manifest" or "mask-icon"))
            .Select(l => l.GetAttribute("href")!));
        found.AddRange(document.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!));
        found.AddRange(document.QuerySelectorAll("img[src]").Select(i => i.GetAttribute("src")!));
        found.AddRange(document.QuerySelectorAll("img[srcset], source[srcset]")
            .SelectMany(i => i.GetAttribute("srcset")!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(candidate => candidate.Split(' ')[0]));
        found.AddRange(document.QuerySelectorAll("meta[property='og:image'], meta[name='twitter:image']").Select(m => m.GetAttribute("content")!));
        var local = found.Select(u => SameSite(client, u)).OfType<string>().Distinct().ToList();
        foreach (var css in local.Where(u => u.Split('?')[0].EndsWith(".css", StringComparison.Ordinal)).ToList())
        {
            var text = await client.GetStringAsync(new Uri(css, UriKind.Relative));
            local.AddRange(CssUrl().Matches(text).Select(m => m.Groups["url"].Value)
                .Where(u => !u.StartsWith("data:", StringComparison.Ordinal))
                .Select(u => SameSite(client, new Uri(new Uri(client.BaseAddress!, css), u).ToString())).OfType<string>());
        }
        return local.Distinct().ToList();
    }

    /// <summary>The path of a URL on this site (relative, root-relative or absolute on the same host); null elsewhere.</summary>
    private static string? SameSite(HttpClient client, string url)
    {
        var absolute = new Uri(client.BaseAddress!, url);
        var sameHost = absolute.Host == client.BaseAddress!.Host || absolute.Host == "localhost";
        return sameHost ? absolute.PathAndQuery : null;
    }

    /// <summary>GETs an asset with one Accept-Encoding, checks status, type and body, and returns the decoded bytes.</summary>
    private static async Task<byte[]?> FetchDecodedAsync(HttpClient client, string path, string acceptEncoding, List<string> failures)
    {
        using var request = Request(path, acceptEncoding);
        using var response = await client.SendAsync(request);
        var label = $"{path} with Accept-Encoding '{acceptEncoding}'";
        if (response.StatusCode != HttpStatusCode.OK)
        {
            failures.Add($"{label}: {(int)response.StatusCode}");
            return null;
        }
        var type = response.Content.Headers.ContentType?.MediaType;
        var expectedType = ExpectedType(path);
        if (type != expectedType)
        {
            failures.Add($"{label}: Content-Type '{type}', expected '{expectedType}'");
        }
        var raw = await response.Content.ReadAsByteArrayAsync();
        if (raw.Length == 0)
        {
            failures.Add($"{label}: empty body");
            return null;
        }
        var encoding = response.Content.Headers.ContentEncoding.SingleOrDefault() ?? "";
        var offered = acceptEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (encoding.Length > 0 && !offered.Contains(encoding))
        {
            failures.Add($"{label}: answered in '{encoding}', which was not offered");
            return null;
        }
        return encoding switch
        {
            "" => raw,
            "gzip" => Decode(raw, s => new GZipStream(s, CompressionMode.Decompress)),
            "br" => Decode(raw, s => new BrotliStream(s, CompressionMode.Decompress)),
            "deflate" => Decode(raw, s => new ZLibStream(s, CompressionMode.Decompress)),
            _ => throw new InvalidOperationException($"{label}: no decoder for '{encoding}'"),
        };
    }

    private static byte[] Decode(byte[] raw, Func<Stream, Stream> decoder)
    {
        using var input = new MemoryStream(raw);
        using var stream = decoder(input);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }

    private static string ExpectedType(string path)
    {
        var extension = Path.GetExtension(path.Split('?')[0]).ToLowerInvariant();
        return extension switch
        {
            ".css" => "text/css",
            ".js" => "text/javascript",
            ".svg" => "image/svg+xml",
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".webp" => "image/webp",
            ".avif" => "image/avif",
            ".ico" => "image/x-icon",
            ".woff2" => "font/woff2",
            ".woff" => "font/woff",
            ".webmanifest" => "application/manifest+json",
            _ => throw new InvalidOperationException($"No expected type for {path}: add it here"),
        };
    }

    /// <summary>The wwwroot file behind a static asset URL (fingerprinted or not); null for content served from the database.</summary>
    private static string? FileFor(string path)
    {
        var local = path.Split('?')[0].TrimStart('/');
        var direct = Path.Combine(WebRoot, local);
        if (File.Exists(direct))
        {
            return direct;
        }
        var unfingerprinted = AssetFingerprint().Replace(local, "$1$2");
        var candidate = Path.Combine(WebRoot, unfingerprinted);
        return File.Exists(candidate) ? candidate : null;
    }

    private static byte[]? FileOnDisk(string path) => FileFor(path) is { } file ? File.ReadAllBytes(file) : null;

    private static string Rgb(string hex) =>
        string.Create(CultureInfo.InvariantCulture, $"rgb({Convert.ToInt32(hex[0..2], 16)}, {Convert.ToInt32(hex[2..4], 16)}, {Convert.ToInt32(hex[4..6], 16)})");

    [GeneratedRegex(@"^(.*)\.[a-z0-9]{10}(\.[a-z0-9]+)$")]
    private static partial Regex AssetFingerprint();

    [GeneratedRegex(@"--red:\s*#(?<hex>[0-9a-fA-F]{6})")]
    private static partial Regex MastheadRed();

    [GeneratedRegex(@"url\(\s*['""]?(?<url>[^'"")]+)['""]?\s*\)")]
    private static partial Regex CssUrl();

    [GeneratedRegex(@"^/article/\d+$")]
    private static partial Regex ArticlePath();

    [GeneratedRegex(@"^/epaper/\d{4}-\d{2}-\d{2}/\d+$")]
    private static partial Regex EpaperPagePath();
}

/// <summary>The README's run command, from this checkout.</summary>
[Collection(AsShippedGroup.Name)]
public sealed class ReadmeRunTests(ReadmeRun portal) : AsShippedTests<ReadmeRun>(portal), IClassFixture<ReadmeRun>;

/// <summary>A Release publish, run in Production behind a proxy.</summary>
[Collection(AsShippedGroup.Name)]
public sealed class PublishedRunTests(PublishedRun portal) : AsShippedTests<PublishedRun>(portal), IClassFixture<PublishedRun>;

/// <summary>The two build the same project (Debug and Release): one after the other, never side by side.</summary>
[CollectionDefinition(Name)]
public sealed class AsShippedGroup
{
    public const string Name = "as-shipped";
}
