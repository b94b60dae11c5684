using CivilizationNews.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CivilizationNews.BrowserTests.Accessibility;

/// <summary>
/// Keyboard only: Tab reaches every control of the header, an article and the digital edition in a
/// sensible order, each focused control shows a visible outline, and Enter follows links.
/// </summary>
public sealed class KeyboardTests(PortalHost host) : IClassFixture<PortalHost>
{
    /// <summary>What has focus, and how its focus shows: a 2 px+ outline or a focus ring shadow.</summary>
    private const string FocusScript = """
        () => {
          const e = document.activeElement;
          if (!e || e === document.body) return null;
          const cs = getComputedStyle(e);
          const r = e.getBoundingClientRect();
          const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2 && cs.outlineColor !== 'rgba(0, 0, 0, 0)';
          return {
            tag: e.tagName.toLowerCase(), id: e.id || '', cls: String(e.className || ''),
            href: e.getAttribute('href') || '', text: (e.innerText || e.value || '').trim().slice(0, 40),
            visible: outline || (cs.boxShadow !== 'none' && cs.boxShadow !== ''),
            onScreen: r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth,
            outline: cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor,
          };
        }
        """;

    [Fact]
    public async Task Header_is_reachable_in_order_with_visible_focus_and_the_skip_link_works()
    {
        await using var reader = await host.OpenAsync(Screen.Desktop, "keyboard-header");
        var page = reader.Page;
        await reader.GotoAsync("/");

        var skip = await TabAsync(page);
        Assert.Equal("跳到正文", skip.Text);
        await reader.ScreenshotAsync("skip-link");
        var stops = new List<Focus>();
        for (var i = 0; i < 16; i++)
        {
            stops.Add(await TabAsync(page));
        }
        Assert.Equal("/", stops[0].Href);                         // the masthead name
        Assert.Equal("/epaper", stops[1].Href);
        Assert.Equal("大字版", stops[2].Text);
        Assert.Equal("button", stops[2].Tag);
        Assert.Equal("site-search", stops[3].Id);                  // the search box, then its button
        Assert.Equal("搜索", stops[4].Text);
        var nav = stops.Skip(5).TakeWhile(s => s.Cls.Length == 0 || !s.Cls.Contains("button", StringComparison.Ordinal)).Select(s => s.Href).ToList();
        Assert.Equal("/", nav[0]);
        Assert.Contains("/section/wenming", nav);
        Assert.Contains("/units", nav);
        await reader.ScreenshotAsync("nav-focus");

        // Space on the toggle works from the keyboard too.
        await page.Locator("button.text-size-toggle").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(page.Locator("button.text-size-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.Keyboard.PressAsync("Space");

        // The skip link moves focus past the header into the page.
        await page.ReloadAsync();
        await TabAsync(page);
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("main", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        var first = await TabAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"),
            $"after the skip link Tab went to {first}");
        reader.AssertClean();
    }

    [Fact]
    public async Task Article_is_readable_by_keyboard_to_the_share_button()
    {
        await using var reader = await host.OpenAsync(Screen.Desktop, "keyboard-article");
        await reader.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = reader.Page;
        await reader.GotoAsync(await PublicPages.PathAsync(host, "article"));

        var stops = await TabUntilAsync(page, f => f.Cls.Contains("share-copy", StringComparison.Ordinal), 80);
        var hrefs = stops.Select(s => s.Href).ToList();
        Assert.Contains(hrefs, h => h.StartsWith("/section/", StringComparison.Ordinal)); // breadcrumb and meta
        Assert.Contains(hrefs, h => h.StartsWith("/epaper/2021-12-10/5", StringComparison.Ordinal));
        Assert.Contains(hrefs, h => h.StartsWith("/contributor/", StringComparison.Ordinal));
        Assert.Contains(hrefs, h => h.StartsWith("/unit/", StringComparison.Ordinal));
        Assert.Contains(hrefs, h => h.StartsWith("/tag/", StringComparison.Ordinal));
        Assert.Contains(stops, s => s.Id == "share-url");
        await reader.ScreenshotAsync("share-focus");

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#share-status")).ToContainTextAsync("链接已复制");

        // Past the share box: previous/next in the section, then related stories.
        var after = await TabAsync(page);
        Assert.StartsWith("/article/", after.Href, StringComparison.Ordinal);
        reader.AssertClean();
    }

    [Fact]
    public async Task Digital_edition_pages_turn_by_keyboard()
    {
        await using var reader = await host.OpenAsync(Screen.Desktop, "keyboard-epaper");
        var page = reader.Page;
        await reader.GotoAsync("/epaper/2021-12-10/5");

        // The page list comes first, then the stories in print order, then 上一版/下一版.
        var stops = await TabUntilAsync(page, f => f.Text == "下一版", 60);
        var pageLinks = stops.Where(s => s.Href.StartsWith("/epaper/2021-12-10/", StringComparison.Ordinal)).Select(s => s.Href).ToList();
        Assert.Equal("/epaper/2021-12-10/1", pageLinks[0]);
        Assert.True(stops.FindIndex(s => s.Href.StartsWith("/article/", StringComparison.Ordinal)) > stops.FindIndex(s => s.Href == "/epaper/2021-12-10/8"),
            "stories come after the page list");
        await reader.ScreenshotAsync("next-page-focus", fullPage: false);
        // A full-page screenshot resizes the viewport; make sure 下一版 still holds focus before Enter.
        await Assertions.Expect(page.Locator(".page-turn a[rel='next']")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        // Polls the address and readyState: Chromium's navigation and load events sometimes reach Playwright
        // before its waiter attaches (seen as rare 30 s timeouts), so events are not relied on.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/epaper/2021-12-10/6$"), new() { Timeout = 30_000 });
        await reader.WaitForCompleteAsync();

        // From the top of page 6, Tab to 第7版 in the page list and open it.
        await TabUntilAsync(page, f => f.Href == "/epaper/2021-12-10/7", 40);
        await page.Keyboard.PressAsync("Enter");
        // Polls the address and readyState: Chromium's navigation and load events sometimes reach Playwright
        // before its waiter attaches (seen as rare 30 s timeouts), so events are not relied on.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/epaper/2021-12-10/7$"), new() { Timeout = 30_000 });
        await reader.WaitForCompleteAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("第7版");
        reader.AssertClean();
    }

    private sealed record Focus
    {
        public string Tag { get; init; } = "";
        public string Id { get; init; } = "";
        public string Cls { get; init; } = "";
        public string Href { get; init; } = "";
        public string Text { get; init; } = "";
        public bool Visible { get; init; }
        public bool OnScreen { get; init; }
        public string Outline { get; init; } = "";

        public override string ToString() => $"<{Tag} id={Id} class={Cls} href={Href}> {Text} [{Outline}]";
    }

    /// <summary>Presses Tab and checks that the newly focused control shows its focus on screen.</summary>
    private static async Task<Focus> TabAsync(IPage page)
    {
        await page.Keyboard.PressAsync("Tab");
        var focus = await page.EvaluateAsync<Focus?>(FocusScript) ?? throw new InvalidOperationException("Tab left the page");
        Assert.True(focus.Visible, $"no visible focus indicator on {focus}");
        Assert.True(focus.OnScreen, $"focused control is off screen: {focus}");
        return focus;
    }

    private static async Task<List<Focus>> TabUntilAsync(IPage page, Func<Focus, bool> found, int limit)
    {
        var stops = new List<Focus>();
        for (var i = 0; i < limit; i++)
        {
            var focus = await TabAsync(page);
            stops.Add(focus);
            if (found(focus))
            {
                return stops;
            }
        }
        throw new InvalidOperationException($"Not reached in {limit} Tab presses:\n" + string.Join('\n', stops));
    }
}
