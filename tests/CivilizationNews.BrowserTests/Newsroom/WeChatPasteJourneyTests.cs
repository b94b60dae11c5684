using CivilizationNews.BrowserTests.Infrastructure;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Media;
using CivilizationNews.Tests.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SkiaSharp;

namespace CivilizationNews.BrowserTests.Newsroom;

/// <summary>
/// Issue 15's editor journey end to end: an editor copies a WeChat article (its pictures on WeChat's picture
/// host, lazy-loaded through data-src) into the WYSIWYG view; the text arrives as clean Markdown, the server
/// fetches every picture into the media library (the browser never asks the picture host), a picture that is
/// gone is listed as not imported, a photo dropped onto the 图片 area joins them, the editor writes the alt texts
/// beside the thumbnails and publishes, and the public page shows the story with its photos.
/// </summary>
public sealed class WeChatPasteJourneyTests(PictureSiteHost host) : IClassFixture<PictureSiteHost>
{
    private const string PasteScript = """
        ([selector, html, text]) => {
          const target = document.querySelector(selector);
          target.focus();
          const data = new DataTransfer();
          data.setData('text/html', html);
          data.setData('text/plain', text);
          target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        }
        """;

    private const string DropScript = """
        ([selector, base64, name]) => {
          const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
          const data = new DataTransfer();
          data.items.add(new File([bytes], name, { type: 'image/png' }));
          const target = document.querySelector(selector);
          const box = target.getBoundingClientRect();
          const at = { dataTransfer: data, bubbles: true, cancelable: true, clientX: box.left + 20, clientY: box.top + 20 };
          target.dispatchEvent(new DragEvent('dragenter', at));
          target.dispatchEvent(new DragEvent('dragover', at));
          target.dispatchEvent(new DragEvent('drop', at));
        }
        """;

    /// <summary>A WeChat article as the clipboard holds it: nested sections, inline styles, spans, lazy pictures.</summary>
    private static string WeChatArticle(Uri site) => $"""
        <meta charset="utf-8"><section data-role="outer" style="margin:0;padding:0 8px;font-size:15px;color:#3e3e3e;font-family:-apple-system,PingFangSC">
        <section style="text-align:center;margin:10px 0"><p style="text-align:center"><span style="font-size:20px;color:#c00000;letter-spacing:2px"><strong>“小巷书房”点亮社区夜生活</strong></span></p></section>
        <p style="text-indent:2em;line-height:1.75em;margin-bottom:8px"><span style="font-size:15px;font-family:PingFangSC">　　<strong>家门口多了一间书房。</strong>近日，河东街道在老城小巷里开出第三间社区书房，藏书四千余册，晚上开放到九点。</span></p>
        <p style="text-align:center"><img class="rich_pages wxw-img" data-ratio="0.6671875" data-s="300,640" data-src="{site}mmbiz_jpg/w640h427reading/640?wx_fmt=jpeg&amp;from=appmsg" data-type="jpeg" data-w="1280" src="data:image/svg+xml,%3C%3Fxml version='1.0' encoding='UTF-8'%3F%3E%3Csvg width='1px' height='1px' xmlns='http://www.w3.org/2000/svg'/%3E" style="width:100%;height:auto"></p>
        <p style="text-align:center"><span style="font-size:12px;color:rgb(136,136,136)">居民在社区书房里读书</span></p>
        <p><br></p>
        <h2 style="font-size:17px;border-left:4px solid #c00000;padding-left:8px"><span style="color:#c00000"><strong>志愿者轮流值守</strong></span></h2>
        <p style="text-indent:2em"><span>书房由</span><span style="color:#576b95">社区志愿者</span><span>轮流值守，每周开展两次亲子阅读活动。</span></p>
        <p style="text-align:center"><img class="rich_pages wxw-img" data-ratio="1.333" data-src="{site}mmbiz_jpg/w480h640volunteer/640?wx_fmt=jpeg" data-type="jpeg" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"></p>
        <p style="text-align:center"><img class="rich_pages wxw-img" data-src="{site}mmbiz_jpg/gone/640?wx_fmt=jpeg" data-type="jpeg" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E"></p>
        <ol class="list-paddingleft-1"><li><p><span>周一至周五 14:00—21:00</span></p></li><li><p><span>周六、周日 9:00—21:00</span></p></li></ol>
        <p style="text-align:right"><span style="font-size:12px;color:#888">来源：河东街道 编辑：李敏</span></p></section>
        """;

    private const string ExpectedMarkdown =
        "**“小巷书房”点亮社区夜生活**\n\n"
        + "**家门口多了一间书房。**近日，河东街道在老城小巷里开出第三间社区书房，藏书四千余册，晚上开放到九点。\n\n"
        + "居民在社区书房里读书\n\n"
        + "## 志愿者轮流值守\n\n"
        + "书房由社区志愿者轮流值守，每周开展两次亲子阅读活动。\n\n"
        + "1. 周一至周五 14:00—21:00\n2. 周六、周日 9:00—21:00\n\n"
        + "来源：河东街道 编辑：李敏";

    [Fact]
    public async Task An_editor_pastes_a_WeChat_article_and_publishes_it_with_its_pictures_in_the_library()
    {
        var editor = await host.CreateNewsroomUserAsync(NewsRoles.Editor, "周文静");
        var mediaBefore = await host.QueryAsync(db => db.Media.MaxAsync(m => m.Id));
        const string Title = "小巷书房点亮社区夜生活";

        await using var session = await host.OpenAsync(Screen.Desktop, "wechat-paste");
        var page = session.Page;
        await session.SignInAsync(editor);
        await session.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "写稿" }).First);
        await page.Locator("#Title").FillAsync(Title);
        await page.Locator("#Summary").FillAsync("河东街道在老城小巷开出第三间社区书房，晚上开放到九点。");
        await page.Locator("#SectionId").SelectOptionAsync(new SelectOptionValue { Label = "文明创建" });
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "可视编辑" })).ToHaveAttributeAsync("aria-selected", "true");
        var rich = page.Locator("#rich-body .ProseMirror");
        await rich.ClickAsync();

        // Pasted in the WYSIWYG view: the text is clean Markdown, nothing of it lost.
        await page.EvaluateAsync(PasteScript, new object[] { "#rich-body .ProseMirror", WeChatArticle(host.PictureSite), "“小巷书房”点亮社区夜生活" });
        await Assertions.Expect(page.Locator("#Body")).ToHaveValueAsync(ExpectedMarkdown);
        await Assertions.Expect(rich.Locator("h2")).ToHaveTextAsync("志愿者轮流值守");
        await Assertions.Expect(rich.Locator("ol li")).ToHaveCountAsync(2);

        // Its two pictures are fetched by the server into the library and become the story's photos, in order;
        // the one WeChat no longer has is listed with the reason, never hot-linked.
        var cards = page.Locator("#photo-list .photo-card");
        await Assertions.Expect(cards).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#failed-images-list")).ToContainTextAsync("mmbiz_jpg/gone/640");
        await Assertions.Expect(page.Locator("#failed-images-list")).ToContainTextAsync(RemoteImageFetcher.UnreachableMessage);
        await Assertions.Expect(page.Locator("#media-status")).ToContainTextAsync("已上传 2 张图片到图片库");
        Assert.Equal(3, host.PictureRequests);
        var fetched = await host.QueryAsync(db => db.Media.Where(m => m.Id > mediaBefore).OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.Width, m.Height, m.ContentType, m.AltText }).ToListAsync());
        Assert.Equal([(640, 427), (480, 640)], fetched.Select(m => (m.Width, m.Height)));
        Assert.All(fetched, m => Assert.Equal(AltTexts.Pending, m.AltText));
        var ids = fetched.Select(m => m.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        await Assertions.Expect(page.Locator("#PhotoIds")).ToHaveValueAsync(string.Join(',', ids));
        Assert.DoesNotContain(host.PictureSite.Authority, await page.Locator("#Body").InputValueAsync(), StringComparison.Ordinal);

        // A photo of the editor's own, dropped onto the 图片 area, joins them at the end.
        var photoArea = page.Locator("#photos");
        await photoArea.ScrollIntoViewIfNeededAsync();
        var png = Convert.ToBase64String(TestImages.Encode(800, 600, SKEncodedImageFormat.Png));
        await page.EvaluateAsync(DropScript, new object[] { "#photos", png, "书房外景.png" });
        await Assertions.Expect(cards).ToHaveCountAsync(3);
        var dropped = await host.QueryAsync(db => db.Media.Where(m => m.Id > mediaBefore).MaxAsync(m => m.Id));
        ids.Add(dropped.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#PhotoIds")).ToHaveValueAsync(string.Join(',', ids));
        await Assertions.Expect(photoArea).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("photo-drop-active"));

        // Every photo waits for its alt text; the editor writes them, and a caption and credit, beside the thumbnails.
        string[] alts = ["居民坐在社区书房的长桌旁读书", "志愿者在书架前为孩子挑选绘本", "小巷里的社区书房门口亮着灯"];
        for (var i = 0; i < 3; i++)
        {
            var card = page.Locator($".photo-card[data-id='{ids[i]}']");
            await Assertions.Expect(card.Locator(".photo-alt-missing")).ToBeVisibleAsync();
            await page.Locator($"#photo-alt-{ids[i]}").FillAsync(alts[i]);
            await page.Locator($"#photo-credit-{ids[i]}").FillAsync("河东街道");
            await page.GetByRole(AriaRole.Button, new() { Name = $"更新图片 #{ids[i]} 的信息" }).ClickAsync();
            await Assertions.Expect(card.Locator(".photo-card-status")).ToContainTextAsync("图片信息已更新");
        }
        await page.Locator($"#photo-caption-{ids[0]}").FillAsync("居民在社区书房里读书。");
        await page.GetByRole(AriaRole.Button, new() { Name = $"更新图片 #{ids[0]} 的信息" }).ClickAsync();
        await Assertions.Expect(page.Locator($".photo-card[data-id='{ids[0]}'] .photo-card-status")).ToContainTextAsync("图片信息已更新");
        Assert.False(await session.OverflowsSidewaysAsync(), "the editor scrolls sideways after the paste");
        await session.ScreenshotAsync("pasted");

        await session.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }));
        await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync("已保存为草稿");
        await Assertions.Expect(page.Locator("#precheck-box")).Not.ToContainTextAsync("缺少替代文字");
        foreach (var (button, done) in new[] { ("提交审核", "已提交审核"), ("审核通过", "已审核通过"), ("立即发布", "已发布") })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
            await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync(done);
        }

        var story = await host.QueryAsync(db => db.Articles.Where(a => a.Title == Title)
            .Select(a => new { a.Id, a.Body, Photos = a.Photos.OrderBy(p => p.SortOrder).Select(p => p.MediaId).ToList() }).SingleAsync());
        Assert.Equal(ExpectedMarkdown, story.Body);
        Assert.Equal(ids, story.Photos.Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        // The reader's page: the text as pasted, the three photos from the library with their alt texts.
        await session.GotoAsync($"/article/{story.Id}");
        await Assertions.Expect(page.Locator(".story h2").Filter(new() { HasText = "志愿者轮流值守" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".story strong").Filter(new() { HasText = "家门口多了一间书房。" })).ToBeVisibleAsync();
        var photos = page.Locator(".story .photo img");
        await Assertions.Expect(photos).ToHaveCountAsync(3);
        for (var i = 0; i < 3; i++)
        {
            await Assertions.Expect(photos.Nth(i)).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex($"/media/{ids[i]}/"));
            await Assertions.Expect(photos.Nth(i)).ToHaveAttributeAsync("alt", alts[i]);
        }
        await Assertions.Expect(page.Locator(".story .photo figcaption").First).ToContainTextAsync("居民在社区书房里读书。");
        await session.WaitForImageAsync(photos.First);
        Assert.Equal(3, host.PictureRequests);
        await session.ScreenshotAsync("published");
        session.AssertClean();
    }
}
