using Microsoft.Playwright;

namespace CivilizationNews.BrowserTests.Infrastructure;

/// <summary>Debian's headless Chromium driven by Playwright: never a Playwright browser download.</summary>
public static class Chromium
{
    /// <summary>apt-get install chromium.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>
    /// The flags of STACK-NOTES.md. The dead loopback proxy stops Chromium's own update look-ups;
    /// loopback addresses bypass proxies, so the app under test still loads.
    /// </summary>
    private static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--proxy-server=http://127.0.0.1:9",
    ];

    /// <summary>Starts Playwright and one headless Chromium; the caller disposes both.</summary>
    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: apt-get install -y chromium fonts-wqy-zenhei (.ci/run does this).");
        }
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // Two cores shared with the other test projects: give assertions time to settle.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = LaunchArgs,
            });
            return (playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }
}
