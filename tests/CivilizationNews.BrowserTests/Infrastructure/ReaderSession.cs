using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace CivilizationNews.BrowserTests.Infrastructure;

/// <summary>
/// One reader in one browser context. It records everything the page says on the console and
/// every uncaught script error, so a journey fails on them as it does on server warnings.
/// </summary>
public sealed class ReaderSession : IAsyncDisposable
{
    private readonly PortalHost _host;
    private readonly ConcurrentQueue<string> _console = new();
    private int _shot;

    private ReaderSession(PortalHost host, IBrowserContext context, IPage page, Screen screen, string journey)
    {
        _host = host;
        Context = context;
        Page = page;
        Screen = screen;
        Journey = journey;
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public Screen Screen { get; }

    public string Journey { get; }

    internal static async Task<ReaderSession> StartAsync(PortalHost host, IBrowserContext context, Screen screen, string journey)
    {
        var page = await context.NewPageAsync();
        var session = new ReaderSession(host, context, page, screen, journey);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                session._console.Enqueue($"console.{message.Type} on {page.Url}: {message.Text}");
            }
        };
        page.PageError += (_, error) => session._console.Enqueue($"script error on {page.Url}: {error}");
        return session;
    }

    /// <summary>Opens a path and checks the status it answered with.</summary>
    public async Task<IResponse> GotoAsync(string path, int expectedStatus = 200)
    {
        // Wait for the response to commit, then poll readyState: the load event itself is not relied on (see FollowAsync).
        var response = await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Commit })
            ?? throw new InvalidOperationException($"No response for {path}");
        await WaitForCompleteAsync();
        Assert.True(response.Status == expectedStatus, $"{path} answered {response.Status}, expected {expectedStatus}");
        return response;
    }

    /// <summary>Follows a link as a reader does (a click), and waits for the next page to load.</summary>
    public async Task FollowAsync(ILocator link)
    {
        ArgumentNullException.ThrowIfNull(link);
        await link.ScrollIntoViewIfNeededAsync();
        var before = Page.Url;
        await link.ClickAsync();
        // Polls the address and readyState: Chromium's navigation and load events sometimes reach Playwright
        // before its waiter attaches (seen as rare 30 s timeouts), so events are not relied on.
        await Assertions.Expect(Page).Not.ToHaveURLAsync(before, new() { Timeout = 30_000 });
        await WaitForCompleteAsync();
    }

    /// <summary>
    /// Polls document.readyState with plain evaluations. Playwright's WaitForFunction compiles its
    /// predicate with eval inside the page, which the site's Content-Security-Policy rightly refuses.
    /// </summary>
    public Task WaitForCompleteAsync() => WaitForCompleteAsync(Page);

    /// <inheritdoc cref="WaitForCompleteAsync()"/>
    public static async Task WaitForCompleteAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await page.EvaluateAsync<string>("document.readyState") != "complete")
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{page.Url} did not finish loading in 30 s");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Waits until an image has loaded and has pixels, as a reader would see it: a lazy image starts
    /// loading only once layout puts it near the viewport, so "visible" does not mean "loaded".
    /// Fails with the image's state when it has not loaded within 30 s (or loaded broken).
    /// </summary>
    public async Task WaitForImageAsync(ILocator image)
    {
        ArgumentNullException.ThrowIfNull(image);
        await image.ScrollIntoViewIfNeededAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await image.EvaluateAsync<bool>("i => i.complete && i.naturalWidth > 0"))
        {
            if (DateTime.UtcNow > deadline)
            {
                var state = await image.EvaluateAsync<string>("i => `src=${i.currentSrc} complete=${i.complete} naturalWidth=${i.naturalWidth}`");
                throw new TimeoutException($"The image on {Page.Url} did not load in 30 s: {state}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Saves a full-page screenshot: TestResults/browser/screenshots/{journey}/{screen}-{n}-{name}.png.</summary>
    /// <remarks>
    /// A full-page shot briefly resizes the viewport; keyboard tests that press a key right after a
    /// shot take the visible viewport only, so the key reaches a settled page.
    /// </remarks>
    public async Task ScreenshotAsync(string name, bool fullPage = true)
    {
        var folder = Path.Combine(Artifacts.Screenshots, Artifacts.Slug(Journey));
        Directory.CreateDirectory(folder);
        _shot++;
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(folder, $"{Screen.Name}-{_shot:00}-{Artifacts.Slug(name)}.png"),
            FullPage = fullPage,
        });
    }

    /// <summary>Fails when the page logged an error or warning, or the server did.</summary>
    public void AssertClean(params string[] allowedConsoleFragments)
    {
        var console = _console.Where(m => !allowedConsoleFragments.Any(f => m.Contains(f, StringComparison.Ordinal))).ToList();
        Assert.True(console.Count == 0, "The browser console reported:\n" + string.Join('\n', console));
        var server = _host.ServerLog.Problems;
        Assert.True(server.Count == 0, "The server logged:\n" + string.Join('\n', server));
    }

    /// <summary>Whether the document scrolls sideways at the current width.</summary>
    public Task<bool> OverflowsSidewaysAsync() =>
        Page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth > window.innerWidth");

    public async ValueTask DisposeAsync()
    {
        await Context.CloseAsync();
    }
}
