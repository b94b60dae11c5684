using System.Net;
using CivilizationNews.BrowserTests.Infrastructure;
using CivilizationNews.Web.Controllers;
using Microsoft.Playwright;

namespace CivilizationNews.BrowserTests.Sharing;

/// <summary>Sharing an article: the WeChat QR code, the copy-link button and the link preview tags.</summary>
public sealed class SharingTests(PortalHost host) : IClassFixture<PortalHost>
{
    [Fact]
    public async Task Qr_code_encodes_the_canonical_url_and_is_cacheable()
    {
        await using var reader = await host.OpenAsync(Screen.Phone, "share-qr");
        var page = reader.Page;
        var path = await PublicPages.PathAsync(host, "article");
        await reader.GotoAsync(path);
        var canonical = await page.Locator("link[rel='canonical']").GetAttributeAsync("href");
        Assert.Equal(new Uri(host.BaseAddress, path).ToString(), canonical);

        var qr = page.Locator(".share-qr img");
        await qr.ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(qr).ToBeVisibleAsync();
        Assert.False(string.IsNullOrWhiteSpace(await qr.GetAttributeAsync("alt")));
        // Lazy: it starts loading once scrolled near; a reader sees it when it has loaded, not before.
        await reader.WaitForImageAsync(qr);
        await Assertions.Expect(page.Locator(".share-qr figcaption")).ToContainTextAsync("微信扫一扫");
        await reader.ScreenshotAsync("share-box");

        using var client = host.CreateHttpClient();
        using var response = await client.GetAsync(new Uri(path + "/qr.svg", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge.TotalHours: >= 1 }, $"Cache-Control: {response.Headers.CacheControl}");
        var svg = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        // The same generator over the canonical URL draws the same symbol: the code says that URL.
        Assert.Equal(ShareController.QrSvg(canonical!), svg);

        using var missing = await client.GetAsync(new Uri("/article/999999/qr.svg", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        reader.AssertClean();
    }

    [Fact]
    public async Task Copy_link_puts_the_canonical_url_on_the_clipboard()
    {
        await using var reader = await host.OpenAsync(Screen.Desktop, "share-copy");
        await reader.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = reader.Page;
        await reader.GotoAsync(await PublicPages.PathAsync(host, "article"));
        var canonical = await page.Locator("link[rel='canonical']").GetAttributeAsync("href");

        await page.Locator("button.share-copy").ClickAsync();

        await Assertions.Expect(page.Locator("#share-status")).ToHaveTextAsync("链接已复制，可以粘贴发给好友了");
        Assert.Equal(canonical, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await reader.ScreenshotAsync("copied");
        reader.AssertClean();
    }

    [Fact]
    public async Task Copy_link_falls_back_when_the_Clipboard_API_is_missing()
    {
        await using var reader = await host.OpenAsync(Screen.Phone, "share-copy-fallback");
        // An older in-app browser: no navigator.clipboard at all.
        await reader.Context.AddInitScriptAsync("Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined, configurable: true });");
        var page = reader.Page;
        await reader.GotoAsync(await PublicPages.PathAsync(host, "article"));
        Assert.True(await page.EvaluateAsync<bool>("() => navigator.clipboard === undefined"));

        await page.Locator("button.share-copy").ClickAsync();

        // Either the old copy command worked, or the reader is told to copy the selected link by hand.
        var status = await page.Locator("#share-status").InnerTextAsync();
        Assert.True(status is "链接已复制，可以粘贴发给好友了" or "请长按或按 Ctrl+C 复制上面的链接", status);
        Assert.True(await page.EvaluateAsync<bool>(
            "() => { const f = document.getElementById('share-url'); return document.activeElement === f && f.selectionStart === 0 && f.selectionEnd === f.value.length; }"),
            "the link is selected for copying");
        await reader.ScreenshotAsync("fallback");
        reader.AssertClean();
    }

    [Fact]
    public async Task Open_Graph_tags_give_link_previews_a_title_summary_and_image()
    {
        await using var reader = await host.OpenAsync(Screen.Desktop, "share-og");
        var page = reader.Page;
        var path = await PublicPages.PathAsync(host, "article");
        await reader.GotoAsync(path);

        Task<string?> Meta(string property) => page.Locator($"meta[property='{property}']").GetAttributeAsync("content");
        Assert.Equal(PublicPages.LeadTitle, await Meta("og:title"));
        Assert.Equal("article", await Meta("og:type"));
        Assert.Equal("河东日报", await Meta("og:site_name"));
        Assert.Equal(new Uri(host.BaseAddress, path).ToString(), await Meta("og:url"));
        var description = await Meta("og:description");
        Assert.False(string.IsNullOrWhiteSpace(description));
        Assert.Equal(description, await page.Locator("meta[name='description']").GetAttributeAsync("content"));
        var image = await Meta("og:image");
        Assert.StartsWith(host.BaseAddress.ToString(), image, StringComparison.Ordinal);
        var picture = await page.APIRequest.GetAsync(image!);
        Assert.Equal(200, picture.Status);
        Assert.Equal("image/jpeg", picture.Headers["content-type"]);
        reader.AssertClean();
    }

    [Fact]
    public async Task Printed_article_has_no_navigation_or_share_widgets_and_shows_its_url()
    {
        await using var reader = await host.OpenAsync(Screen.Desktop, "print");
        var page = reader.Page;
        var path = await PublicPages.PathAsync(host, "article");
        await reader.GotoAsync(path);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        foreach (var hidden in (string[])[".section-nav", ".masthead-meta", ".share", ".story-nav", ".related", ".breadcrumb", ".site-footer"])
        {
            await Assertions.Expect(page.Locator(hidden).First).ToBeHiddenAsync();
        }
        await Assertions.Expect(page.Locator(".print-url")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".print-url")).ToHaveTextAsync(new Uri(host.BaseAddress, path).ToString());
        await reader.ScreenshotAsync("print");
        await page.PdfAsync(new PagePdfOptions { Path = Path.Combine(Artifacts.Folder("print"), "article.pdf"), Format = "A4" });
        reader.AssertClean();
    }
}
