using CivilizationNews.BrowserTests.Infrastructure;

namespace CivilizationNews.BrowserTests.Accessibility;

/// <summary>
/// Every public page type: every image has alt text, headings never skip a level, the section bar
/// stays one row, and nothing scrolls sideways at 320, 360, 375 or 414 px.
/// </summary>
public sealed class PageStructureTests(PortalHost host) : IClassFixture<PortalHost>
{
    public static TheoryData<string> PageTypes => PublicPages.Names;

    [Theory]
    [MemberData(nameof(PageTypes))]
    public async Task Images_have_alt_text_headings_are_in_order_and_nothing_overflows(string pageType)
    {
        var path = await PublicPages.PathAsync(host, pageType);
        // Not an emulated phone: a phone browser zooms out to fit wide content, hiding the overflow.
        await using var reader = await host.OpenAsync(Screen.Narrow, "layout-" + pageType);
        await reader.GotoAsync(path, PublicPages.ExpectedStatus(pageType));

        var missingAlt = await reader.Page.EvaluateAsync<string[]>(
            "() => [...document.images].filter(i => !i.hasAttribute('alt')).map(i => i.outerHTML)");
        Assert.Empty(missingAlt);
        // Photos carry content: their alt text may not be empty (only card thumbnails beside a
        // headline link are decorative, alt="" inside an aria-hidden link).
        var emptyAlt = await reader.Page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('img')].filter(i => !i.alt.trim() && !i.closest('[aria-hidden=true]')).map(i => i.outerHTML)");
        Assert.Empty(emptyAlt);
        var levels = await reader.Page.EvaluateAsync<int[]>(
            "() => [...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])");
        Assert.True(levels.Length > 0 && levels[0] == 1, $"{pageType}: the first heading must be an h1, got h{levels.FirstOrDefault()}");
        Assert.Equal(1, levels.Count(l => l == 1));
        for (var i = 1; i < levels.Length; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"{pageType}: heading h{levels[i]} follows h{levels[i - 1]} (skipped a level)");
        }

        foreach (var width in Screen.NarrowWidths)
        {
            await reader.Page.SetViewportSizeAsync(width, 800);
            var overflow = await reader.Page.EvaluateAsync<string?>("""
                () => {
                  const se = document.scrollingElement;
                  if (se.scrollWidth <= innerWidth) return null;
                  const wide = [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
                    .slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '') + ' right=' + Math.round(e.getBoundingClientRect().right));
                  return se.scrollWidth + ' > ' + innerWidth + ': ' + wide.join(', ');
                }
                """);
            Assert.True(overflow is null, $"{pageType} at {width}px scrolls sideways: {overflow}");
            // The section bar stays one row (it scrolls sideways inside itself).
            Assert.Equal(1, await reader.Page.EvaluateAsync<int>(
                "() => new Set([...document.querySelectorAll('.section-nav li')].map(li => li.offsetTop)).size"));
        }
        reader.AssertClean(AxeTests.NotFoundConsoleNoise(pageType));
    }
}
