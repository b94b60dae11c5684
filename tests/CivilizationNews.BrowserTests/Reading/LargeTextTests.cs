using CivilizationNews.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CivilizationNews.BrowserTests.Reading;

/// <summary>大字版: one button enlarges text site-wide, and the browser remembers it without an account.</summary>
public sealed class LargeTextTests(PortalHost host) : IClassFixture<PortalHost>
{
    private const string BodyText = ".story-body p";

    [Fact]
    public async Task Toggle_enlarges_text_and_is_remembered_across_pages_and_reloads()
    {
        await using var reader = await host.OpenAsync(Screen.Phone, "large-text");
        var page = reader.Page;
        var article = await PublicPages.PathAsync(host, "article");
        await reader.GotoAsync(article);
        var toggle = page.Locator("button.text-size-toggle");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "false");
        var normal = await FontSizeAsync(page, BodyText);
        Assert.InRange(normal, 17.5, 19); // 17–18 px body text on phones

        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        var large = await FontSizeAsync(page, BodyText);
        Assert.True(large >= normal * 1.2, $"大字版 made body text {large}px from {normal}px");
        Assert.True(await FontSizeAsync(page, ".story-meta") > 14 * 1.2, "small print grows too");
        await reader.ScreenshotAsync("article-large");

        // Remembered: a reload, and another page, open large straight away.
        await page.ReloadAsync();
        Assert.Equal(large, await FontSizeAsync(page, BodyText));
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-pressed", "true");
        await reader.GotoAsync("/");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('large-text')"));
        await reader.ScreenshotAsync("home-large");

        // And undone the same way.
        await page.Locator("button.text-size-toggle").ClickAsync();
        await reader.GotoAsync(article);
        Assert.Equal(normal, await FontSizeAsync(page, BodyText));
        reader.AssertClean();
    }

    [Fact]
    public async Task Preference_is_applied_before_first_paint_by_a_blocking_external_script()
    {
        await using var reader = await host.OpenAsync(Screen.Desktop, "large-text-head");
        await reader.GotoAsync("/");
        // No inline script (a CSP without 'unsafe-inline' is coming), and the one that sets the size
        // runs in <head> before the body is parsed, so large text never flashes small.
        // (JSON-LD data blocks are not executed, so a CSP does not govern them.)
        Assert.Equal(0, await reader.Page.Locator("script:not([src]):not([type='application/ld+json'])").CountAsync());
        Assert.Equal(1, await reader.Page.Locator("head script[src^='/js/prefs.']:not([defer]):not([async])").CountAsync());
        reader.AssertClean();
    }

    [Theory]
    [InlineData("home")]
    [InlineData("article")]
    [InlineData("feature")]
    [InlineData("epaper-page")]
    [InlineData("unit")]
    public async Task Large_text_still_fits_a_320_px_screen(string pageType)
    {
        await using var reader = await host.OpenAsync(Screen.Narrow, "large-text-fit");
        await reader.GotoAsync("/");
        await reader.Page.EvaluateAsync("() => localStorage.setItem('cn-large-text', '1')");
        await reader.Page.SetViewportSizeAsync(320, 640);
        await reader.GotoAsync(await PublicPages.PathAsync(host, pageType));
        Assert.True(await reader.Page.EvaluateAsync<bool>("() => document.documentElement.classList.contains('large-text')"));
        Assert.False(await reader.OverflowsSidewaysAsync(), $"{pageType} in 大字版 scrolls sideways at 320 px");
        reader.AssertClean();
    }

    private static Task<double> FontSizeAsync(IPage page, string selector) =>
        page.Locator(selector).First.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
}
