using CivilizationNews.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CivilizationNews.BrowserTests.Reading;

/// <summary>
/// What readers do, on a phone and on a laptop, clicking as they would. Each journey saves its
/// screenshots under TestResults/browser/screenshots and fails on any console or server warning.
/// </summary>
public sealed class ReaderJourneyTests(PortalHost host) : IClassFixture<PortalHost>
{
    public static TheoryData<string> Screens => ["phone", "desktop"];

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Home_to_feature_to_sidebar_to_its_unit_and_another_of_its_stories(string screen)
    {
        await using var reader = await host.OpenAsync(ScreenNamed(screen), "feature-journey");
        var page = reader.Page;

        await reader.GotoAsync("/");
        await Expect(page.Locator(".home-feature-title")).ToHaveTextAsync(PublicPages.LeadTitle);
        await reader.ScreenshotAsync("home");

        await reader.FollowAsync(page.Locator(".home-feature a.button"));
        Assert.EndsWith(PublicPages.FeaturePath, page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("h1")).ToHaveTextAsync(PublicPages.LeadTitle);
        await reader.ScreenshotAsync("feature");
        var lead = (await page.Locator(".feature-lead").BoundingBoxAsync())!;
        var beside = (await page.Locator(".feature-beside").BoundingBoxAsync())!;
        var below = await page.Locator(".feature-below").BoundingBoxAsync();
        if (screen == "desktop")
        {
            // Like the print page: the lead across two thirds, sidebars in a column beside it,
            // the rest in a row below.
            Assert.InRange(lead.Width / (beside.X + beside.Width - lead.X), 0.55, 0.75);
            Assert.True(beside.X > lead.X + lead.Width, "sidebars sit beside the lead");
            Assert.True(below is null || below.Y >= lead.Y + lead.Height, "the remaining sidebars run below the lead");
        }
        else
        {
            Assert.True(beside.Y >= lead.Y + lead.Height, "one column on a phone");
        }

        // The first sidebar: its kicker links to its unit, its title to the story.
        var sidebar = page.Locator(".feature-sidebar").First;
        var unitPath = await sidebar.Locator(".kicker a").GetAttributeAsync("href");
        Assert.StartsWith("/unit/", unitPath, StringComparison.Ordinal);
        var storyLink = sidebar.Locator(".sidebar-title a");
        var storyTitle = (await storyLink.InnerTextAsync()).Trim();
        var storyPath = await storyLink.GetAttributeAsync("href");
        await reader.FollowAsync(storyLink);
        await Expect(page.Locator("h1")).ToHaveTextAsync(storyTitle);
        await Expect(page.Locator(".breadcrumb a[href='" + PublicPages.FeaturePath + "']")).ToBeVisibleAsync();
        await reader.ScreenshotAsync("sidebar-story");

        await reader.FollowAsync(page.Locator($".story-units a[href='{unitPath}']"));
        Assert.EndsWith(unitPath!, page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("h1.unit-name")).ToBeVisibleAsync();
        await Expect(page.Locator($".unit-main .card-title a[href='{storyPath}']")).ToHaveCountAsync(1);
        await reader.ScreenshotAsync("unit");

        var another = page.Locator($".unit-main .card-title a:not([href='{storyPath}'])").First;
        var anotherTitle = (await another.InnerTextAsync()).Trim();
        await reader.FollowAsync(another);
        await Expect(page.Locator("h1")).ToHaveTextAsync(anotherTitle);
        await Expect(page.Locator($".story-units a[href='{unitPath}']")).ToHaveCountAsync(1);
        await reader.ScreenshotAsync("another-story");

        reader.AssertClean();
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Digital_edition_from_a_date_to_a_page_to_a_story_to_the_next_page(string screen)
    {
        await using var reader = await host.OpenAsync(ScreenNamed(screen), "epaper-journey");
        var page = reader.Page;

        await reader.GotoAsync("/epaper/archive");
        await reader.ScreenshotAsync("archive");
        await reader.FollowAsync(page.Locator(".calendar a[href='/epaper/2021-12-09']"));
        await Expect(page.Locator("h1")).ToContainTextAsync("2021年12月9日");
        await reader.ScreenshotAsync("edition");

        await reader.FollowAsync(page.Locator(".edition-page-title a[href='/epaper/2021-12-09/2']"));
        await Expect(page.Locator("h1")).ToContainTextAsync("第2版");
        await Expect(page.Locator(".page-list a[aria-current='page']")).ToContainTextAsync("第2版");
        await reader.ScreenshotAsync("page-2");

        // The page as printed: its image with each story a region; 放大版面 enlarges it inside its frame.
        var image = page.Locator(".facsimile img");
        await reader.WaitForImageAsync(image);
        var zoom = page.Locator("[data-facsimile-zoom]");
        var width = (await image.BoundingBoxAsync())!.Width;
        await zoom.ClickAsync();
        await Expect(zoom).ToHaveAttributeAsync("aria-pressed", "true");
        Assert.True((await image.BoundingBoxAsync())!.Width > width * 2, "the zoomed page is more than twice as wide");
        await reader.ScreenshotAsync("page-2-zoomed", fullPage: false);
        await zoom.ClickAsync();
        await Expect(zoom).ToHaveAttributeAsync("aria-pressed", "false");

        // A story's region is a link named by its headline, reached and followed with the keyboard.
        var hotspots = page.Locator(".facsimile-hotspots a");
        var listed = (await page.Locator(".page-story .card-title a").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        var named = await hotspots.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('aria-label'))");
        Assert.Equal(listed, named);
        var story = hotspots.First;
        var title = named[0];
        await story.FocusAsync();
        await Expect(story).ToBeFocusedAsync();
        await reader.ScreenshotAsync("page-2-region-focused", fullPage: false);
        var before = page.Url;
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).Not.ToHaveURLAsync(before, new() { Timeout = 30_000 });
        await reader.WaitForCompleteAsync();
        await Expect(page.Locator("h1")).ToHaveTextAsync(title);
        await reader.ScreenshotAsync("story");

        // The story says where it was printed; from there the reader turns the page.
        await reader.FollowAsync(page.Locator(".story-meta a[href='/epaper/2021-12-09/2']"));
        await Expect(page.Locator(".page-turn a[rel='next']")).ToBeVisibleAsync();
        await reader.FollowAsync(page.Locator(".page-turn a[rel='next']"));
        Assert.EndsWith("/epaper/2021-12-09/3", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("h1")).ToContainTextAsync("第3版");
        await Expect(page.Locator(".page-turn a[rel='prev']")).ToBeVisibleAsync();
        await reader.ScreenshotAsync("page-3");

        reader.AssertClean();
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Section_pages_forward_and_back(string screen)
    {
        await using var reader = await host.OpenAsync(ScreenNamed(screen), "section-journey");
        var page = reader.Page;

        await reader.GotoAsync("/");
        await reader.FollowAsync(page.Locator(".section-nav a[href='/section/wenming']"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("文明创建");
        await Expect(page.Locator(".section-nav a[aria-current='page']")).ToHaveTextAsync("文明创建");
        var firstPage = await page.Locator(".card-title a").AllInnerTextsAsync();
        Assert.Equal(10, firstPage.Count);
        await reader.ScreenshotAsync("page-1");

        await reader.FollowAsync(page.Locator(".pager a[rel='next']"));
        Assert.EndsWith("/section/wenming?page=2", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator(".pager-current")).ToHaveTextAsync("2");
        var secondPage = await page.Locator(".card-title a").AllInnerTextsAsync();
        Assert.NotEmpty(secondPage);
        Assert.Empty(secondPage.Intersect(firstPage));
        await reader.ScreenshotAsync("page-2");

        await reader.FollowAsync(page.Locator(".pager a[rel='prev']"));
        await Expect(page.Locator(".pager-current")).ToHaveTextAsync("1");

        reader.AssertClean();
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task Search_from_the_header_to_a_story_then_narrow_by_section_and_page_on(string screen)
    {
        await using var reader = await host.OpenAsync(ScreenNamed(screen), "search-journey");
        var page = reader.Page;

        await reader.GotoAsync("/");
        var box = page.Locator("header.masthead input[name='q']");
        await Expect(box).ToBeVisibleAsync();
        await box.FillAsync("河东书房");
        var home = page.Url;
        await box.PressAsync("Enter");
        await Assertions.Expect(page).Not.ToHaveURLAsync(home, new() { Timeout = 30_000 });
        await reader.WaitForCompleteAsync();
        Assert.Contains("/search?q=", page.Url, StringComparison.Ordinal);
        var first = page.Locator(".search-result-title a").First;
        await Expect(first).ToHaveTextAsync("河东书房飘出满城书香");
        await Expect(page.Locator(".search-result mark").First).ToBeVisibleAsync();
        await reader.ScreenshotAsync("results");

        await reader.FollowAsync(first);
        await Expect(page.Locator("h1")).ToHaveTextAsync("河东书房飘出满城书香");
        await reader.ScreenshotAsync("story");

        // A two-character word, narrowed to a section with the filter form, then the next page.
        await reader.GotoAsync("/search?q=" + Uri.EscapeDataString("志愿"));
        await Expect(page.Locator(".pager a[rel='next']")).ToBeVisibleAsync();
        await page.Locator(".search-filters summary").ClickAsync();
        await page.Locator("#search-section").SelectOptionAsync("wenming");
        var before = page.Url;
        await page.Locator(".search-form button[type='submit']").ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(before, new() { Timeout = 30_000 });
        await reader.WaitForCompleteAsync();
        Assert.Contains("section=wenming", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator(".search-result").First).ToBeVisibleAsync();
        await reader.ScreenshotAsync("filtered");

        await reader.GotoAsync("/search?q=" + Uri.EscapeDataString("志愿"));
        await reader.FollowAsync(page.Locator(".pager a[rel='next']"));
        Assert.EndsWith("&page=2", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator(".pager-current")).ToHaveTextAsync("2");
        await reader.ScreenshotAsync("page-2");

        reader.AssertClean();
    }

    internal static Screen ScreenNamed(string name) => name == "phone" ? Screen.Phone : Screen.Desktop;

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
