using CivilizationNews.BrowserTests.Infrastructure;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Tests.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SkiaSharp;

namespace CivilizationNews.BrowserTests.Newsroom;

/// <summary>
/// Issue 15, the rich editor in a real Chromium under the admin's CSP: Chinese typed through IME
/// composition, the house conventions from the toolbar, Word-like and WeChat-like HTML pasted as
/// clean Markdown (checked in the textarea and in the server-rendered preview), pictures from the
/// paste, a drop and the phone's camera reaching the media library, and a WYSIWYG round trip that
/// gives back exactly the Markdown it was given.
/// </summary>
public sealed class RichEditorJourneyTests(PortalHost host) : IClassFixture<PortalHost>
{
    private const string WordHtml = """
        <html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
        <head><meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {mso-style-parent:""; font-family:宋体;} --></style>
        <!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]--></head>
        <body lang=ZH-CN style='tab-interval:21.0pt'><!--StartFragment-->
        <h1><span style='font-family:黑体;mso-ascii-font-family:"Times New Roman"'>二、志愿服务常态长效<o:p></o:p></span></h1>
        <p class=MsoNormal style='text-indent:24.0pt;mso-char-indent-count:2.0'><b><span style='font-family:宋体;color:#C00000'>帮建共创，机关力量沉下去。</span></b><span style='font-family:宋体;mso-bidi-font-family:宋体'>在42家单位中开展“帮建共创”活动。<o:p></o:p></span></p>
        <p class=MsoNormal><o:p>&nbsp;</o:p></p>
        <p class=MsoNormal><span style='font-family:宋体'>　　详见<a href="https://www.example.cn/wenming">市文明网</a>。<o:p></o:p></span></p>
        <p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]><span style='font-family:宋体'>入户走访2.38万余户<o:p></o:p></span></p>
        <p class=MsoListParagraph style='margin-left:18.0pt;text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>2.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]><span style='font-family:宋体'>发放问卷2.79万余份<o:p></o:p></span></p>
        <table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
        <tr><td width=100 style='width:100pt'><p class=MsoNormal><b><span>项目</span></b></p></td><td><p class=MsoNormal><b>数量</b></p></td></tr>
        <tr><td><p class=MsoNormal>路口</p></td><td><p class=MsoNormal>16个</p></td></tr></table>
        <p class=MsoNormal><span style='mso-no-proof:yes'><img width=200 height=100 src="file:///C:/Users/EDITOR~1/AppData/Local/Temp/msohtmlclip1/01/clip_image002.jpg" alt="志愿者在路口"></span></p>
        <!--EndFragment--></body></html>
        """;

    private static string WeChatHtml(int port, string png) => $"""
        <section style="margin:0;padding:0;font-size:15px;color:#3e3e3e;"><section style="text-align:center"><p style="text-align:center"><span style="font-size:18px;color:#ab1942"><strong>“河东书房”开进小巷</strong></span></p></section>
        <p style="text-indent:2em;line-height:1.75em"><span style="font-size:15px;letter-spacing:1px;font-family:PingFangSC">　　<strong>书香进小巷。</strong>近日，河东街道把书房开进了居民家门口。</span></p>
        <p><br></p>
        <p style="text-align:center"><img class="rich_pages wxw-img" data-ratio="0.66" data-src="http://127.0.0.1:{port}/wechat/photo.jpg" data-type="jpeg" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'/%3E" style="width:100%"></p>
        <p style="text-align:center"><img src="data:image/png;base64,{png}" alt="孩子们在书房做手工"></p>
        <h2 style="font-size:16px"><span style="color:#ab1942">开放时间</span></h2>
        <ul class="list-paddingleft-1"><li><p><span>周一至周五 9:00—20:00</span></p></li><li><p><span>周末 9:00—21:00</span></p></li></ul>
        <p><span style="color:rgb(136,136,136);font-size:12px">来源：河东街道</span></p></section>
        """;

    private const string PasteScript = """
        ([selector, html, text]) => {
          const target = document.querySelector(selector);
          target.focus();
          const data = new DataTransfer();
          if (html) { data.setData('text/html', html); }
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
          target.dispatchEvent(new DragEvent('dragover', at));
          target.dispatchEvent(new DragEvent('drop', at));
        }
        """;

    private static ILocator Rich(IPage page) => page.Locator("#rich-body .ProseMirror");

    private static async Task WaitForRichAsync(IPage page)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "可视编辑" })).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(Rich(page)).ToBeVisibleAsync();
    }

    /// <summary>Types through the IME as a Pinyin user does: composition updates, then the chosen characters.</summary>
    private static async Task ComposeAsync(ICDPSession cdp, string pinyin, string chosen)
    {
        for (var i = 1; i <= pinyin.Length; i++)
        {
            await cdp.SendAsync("Input.imeSetComposition", new Dictionary<string, object>
            {
                ["text"] = pinyin[..i], ["selectionStart"] = i, ["selectionEnd"] = i,
            });
        }
        await cdp.SendAsync("Input.insertText", new Dictionary<string, object> { ["text"] = chosen });
    }

    /// <summary>For a failure message: the elements that reach past the window's right edge.</summary>
    private static Task<string> WideElementsAsync(IPage page) => page.EvaluateAsync<string>(
        "() => Array.from(document.querySelectorAll('body *')).filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
        + ".slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')");

    private static Task<string> BodyAsync(IPage page) => page.Locator("#Body").InputValueAsync();

    private static Task<int> MediaCountAsync(PortalHost host) => host.QueryAsync(db => db.Media.CountAsync());

    [Fact]
    public async Task An_editor_types_Chinese_pastes_from_Word_and_WeChat_drops_a_photo_and_saves_clean_Markdown()
    {
        var editor = await host.CreateNewsroomUserAsync(NewsRoles.Editor, "王雅琴");
        var png = Convert.ToBase64String(TestImages.Encode(64, 48, SKEncodedImageFormat.Png));
        var mediaBefore = await MediaCountAsync(host);

        await using var session = await host.OpenAsync(Screen.Desktop, "rich-editor");
        var page = session.Page;
        await session.SignInAsync(editor);
        await session.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "写稿" }).First);
        await page.Locator("#Title").FillAsync("河东书房开进小巷");
        await page.Locator("#SectionId").SelectOptionAsync(new SelectOptionValue { Label = "文明创建" });
        await WaitForRichAsync(page);

        // Chinese through IME composition: nothing lost, nothing doubled.
        await Rich(page).ClickAsync();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await ComposeAsync(cdp, "wenming", "文明");
        await ComposeAsync(cdp, "chuangjian", "创建");
        await page.Keyboard.InsertTextAsync("，");
        await ComposeAsync(cdp, "tongxing", "同行");
        await page.Keyboard.InsertTextAsync("。");
        await Assertions.Expect(Rich(page)).ToHaveTextAsync("文明创建，同行。");

        // The house conventions from the toolbar: bold lead-in, subhead, ——lead-in.
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.InsertTextAsync("领导重视，率先垂范。班子成员带头上岗。");
        await page.GetByRole(AriaRole.Button, new() { Name = "导语", Exact = true }).ClickAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "小标题" }).ClickAsync();
        await ComposeAsync(cdp, "yimomozhiyuanhong", "一抹抹志愿红");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.InsertTextAsync("红在党建引领。各单位组织干部职工走上路口。");
        await page.GetByRole(AriaRole.Button, new() { Name = "——段" }).ClickAsync();

        const string Typed = "文明创建，同行。\n\n**领导重视，率先垂范。**班子成员带头上岗。\n\n## 一抹抹志愿红\n\n——**红在党建引领。**各单位组织干部职工走上路口。";
        await Assertions.Expect(page.Locator("#Body")).ToHaveValueAsync(Typed);
        var characters = Typed.Count(c => c is not ('#' or '*' or ' ' or '\n'));
        await Assertions.Expect(page.Locator("#word-count")).ToHaveTextAsync($"字数：{characters}");
        // The preview beside it is the public renderer's.
        await Assertions.Expect(page.Locator("#preview strong").Filter(new() { HasText = "领导重视，率先垂范。" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#preview h2")).ToHaveTextAsync("一抹抹志愿红");

        // Word: heading, bold lead-in, link, numbered list and table kept; fonts, colours, mso- markup,
        // the empty paragraph and the 　　 indent dropped; the picture from the author's disk listed.
        await page.Keyboard.PressAsync("Enter");
        await page.EvaluateAsync(PasteScript, new object[] { "#rich-body .ProseMirror", WordHtml, "二、志愿服务常态长效" });
        await Assertions.Expect(page.Locator("#Body")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("16个"));
        var body = await BodyAsync(page);
        Assert.StartsWith(Typed + "\n\n## 二、志愿服务常态长效\n\n**帮建共创，机关力量沉下去。**在42家单位中开展“帮建共创”活动。\n\n详见[市文明网](https://www.example.cn/wenming)。\n\n1. 入户走访2.38万余户\n2. 发放问卷2.79万余份\n\n", body, StringComparison.Ordinal);
        Assert.Contains("| 路口 | 16个 |", body, StringComparison.Ordinal);
        foreach (var junk in new[] { "mso", "宋体", "C00000", "　", "<", "&nbsp;", "\u00a0", "file:" })
        {
            Assert.DoesNotContain(junk, body, StringComparison.Ordinal);
        }
        await Assertions.Expect(page.Locator("#failed-images")).ToContainTextAsync("未能导入的图片");
        await Assertions.Expect(page.Locator("#failed-images-list")).ToContainTextAsync("clip_image002.jpg");
        await Assertions.Expect(page.Locator("#preview h2").Filter(new() { HasText = "二、志愿服务常态长效" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#preview ol li")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#preview table td").Filter(new() { HasText = "16个" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#preview a[href='https://www.example.cn/wenming']")).ToHaveTextAsync("市文明网");

        // A photo dropped into the body goes to the library and onto the story's photos.
        await page.EvaluateAsync(DropScript, new object[] { "#rich-body .ProseMirror", png, "现场照片.png" });
        await Assertions.Expect(page.Locator("#editor-uploads li[data-media-id]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#media-status")).ToContainTextAsync("已上传 1 张图片到图片库");
        Assert.Equal(mediaBefore + 1, await MediaCountAsync(host));

        // Markdown mode: one paragraph per line with 　　 indents becomes paragraphs.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Markdown 源码" }).ClickAsync();
        await Assertions.Expect(page.Locator("#Body")).ToBeVisibleAsync();
        await page.Locator("#Body").EvaluateAsync("t => { t.focus(); t.setSelectionRange(t.value.length, t.value.length); }");
        await page.EvaluateAsync(PasteScript, new object[] { "#Body", "", "　　第一段文字。\n　　第二段文字。" });
        Assert.EndsWith("\n\n第一段文字。\n\n第二段文字。", await BodyAsync(page), StringComparison.Ordinal);

        // WeChat: its sections, spans and styles dropped; the lazy picture on a refused address listed,
        // the picture carried in the paste itself uploaded.
        await page.EvaluateAsync(PasteScript, new object[] { "#Body", WeChatHtml(host.BaseAddress.Port, png), "“河东书房”开进小巷" });
        await Assertions.Expect(page.Locator("#Body")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("来源：河东街道$"));
        body = await BodyAsync(page);
        Assert.EndsWith("第二段文字。\n\n**“河东书房”开进小巷**\n\n**书香进小巷。**近日，河东街道把书房开进了居民家门口。\n\n## 开放时间\n\n- 周一至周五 9:00—20:00\n- 周末 9:00—21:00\n\n来源：河东街道", body, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#editor-uploads li[data-media-id]")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#failed-images-list")).ToContainTextAsync("127.0.0.1");
        await Assertions.Expect(page.Locator("#failed-images-list")).ToContainTextAsync("内部网络");
        Assert.Equal(mediaBefore + 2, await MediaCountAsync(host));
        await Assertions.Expect(page.Locator("#preview h2").Filter(new() { HasText = "开放时间" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#preview strong").Filter(new() { HasText = "书香进小巷。" })).ToBeVisibleAsync();
        var photoIds = (await page.Locator("#PhotoIds").InputValueAsync()).Split(',');
        Assert.Equal(2, photoIds.Length);

        // Back to WYSIWYG: the server draws the Markdown, and the editor gives back exactly the same text.
        var markdown = await BodyAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "可视编辑" }).ClickAsync();
        await WaitForRichAsync(page);
        Assert.Equal(markdown, await page.EvaluateAsync<string>("() => window.CnRichEditor.toMarkdown()"));
        await Assertions.Expect(Rich(page).Locator("h2").Filter(new() { HasText = "开放时间" })).ToBeVisibleAsync();
        await Assertions.Expect(Rich(page).Locator("table")).ToBeVisibleAsync();
        Assert.False(await session.OverflowsSidewaysAsync(), "the editor scrolls sideways at 1366 px: " + await WideElementsAsync(page));
        await session.ScreenshotAsync("pasted");

        // The editor sits beside the preview on a wide screen.
        var editorBox = await page.Locator("#rich-body").BoundingBoxAsync();
        var previewBox = await page.Locator("#preview").BoundingBoxAsync();
        Assert.True(previewBox!.X > editorBox!.X + editorBox.Width - 1, "the preview is not beside the editor at 1366 px");

        await session.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "保存" }));
        await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync("已保存为草稿");
        var saved = await host.QueryAsync(db => db.Articles.Where(a => a.Title == "河东书房开进小巷").Select(a => a.Body).SingleAsync());
        Assert.Equal(markdown, saved);
        await WaitForRichAsync(page);
        session.AssertClean();
    }

    /// <summary>
    /// Markdown fidelity: every demo story (the roundup's conventions, lists, quotes, tables) drawn by the
    /// server's renderer into the WYSIWYG view and written back gives exactly the text it started from, so
    /// opening a story in 可视编辑 and editing one word changes nothing else.
    /// </summary>
    [Fact]
    public async Task Every_demo_story_comes_back_unchanged_from_the_WYSIWYG_view()
    {
        var editor = await host.CreateNewsroomUserAsync(NewsRoles.Editor, "周文");
        var bodies = await host.QueryAsync(db => db.Articles.OrderBy(a => a.Id).Select(a => a.Body).ToListAsync());
        Assert.True(bodies.Count >= 40, "the demo stories are missing");

        await using var session = await host.OpenAsync(Screen.Desktop, "rich-editor-round-trip");
        var page = session.Page;
        await session.SignInAsync(editor);
        await session.GotoAsync("/admin/articles/create");
        await WaitForRichAsync(page);
        var changed = new List<string>();
        foreach (var body in bodies)
        {
            var back = await page.EvaluateAsync<string>("""
                async (markdown) => {
                  const form = document.getElementById('editor');
                  const data = new FormData();
                  data.append('body', markdown);
                  data.append('__RequestVerificationToken', form.querySelector('input[name="__RequestVerificationToken"]').value);
                  const html = await (await fetch(form.getAttribute('data-preview-url'), { method: 'POST', body: data })).text();
                  const inner = new DOMParser().parseFromString(html, 'text/html').querySelector('.story-body');
                  window.CnRichEditor.editor.commands.setContent(inner.innerHTML, { emitUpdate: false });
                  return window.CnRichEditor.toMarkdown();
                }
                """, body);
            if (back != body.Trim())
            {
                changed.Add($"--- stored\n{body}\n--- back\n{back}");
            }
        }
        Assert.True(changed.Count == 0, $"{changed.Count} of {bodies.Count} stories changed:\n" + string.Join("\n", changed.Take(3)));
        session.AssertClean();
    }

    [Fact]
    public async Task A_correspondent_on_a_phone_writes_with_the_IME_and_adds_a_camera_photo()
    {
        var reporter = await host.CreateNewsroomUserAsync(NewsRoles.Reporter, "李明");
        var mediaBefore = await MediaCountAsync(host);

        await using var session = await host.OpenAsync(Screen.Phone, "rich-editor-phone");
        var page = session.Page;
        await session.SignInAsync(reporter);
        await session.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "写稿" }).First);
        await WaitForRichAsync(page);
        await Rich(page).TapAsync();
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await ComposeAsync(cdp, "jinri", "近日");
        await page.Keyboard.InsertTextAsync("，");
        await ComposeAsync(cdp, "shequshufang", "社区书房");
        await ComposeAsync(cdp, "kaifang", "开放");
        await page.Keyboard.InsertTextAsync("。");
        await Assertions.Expect(page.Locator("#Body")).ToHaveValueAsync("近日，社区书房开放。");
        // The preview sets the form's dateline (本报讯) before the first paragraph, as the public page does.
        await Assertions.Expect(page.Locator("#preview p")).ToHaveTextAsync("本报讯　近日，社区书房开放。");

        // The copy kept in this browser follows the WYSIWYG view; another tab offers it back, into the WYSIWYG view.
        Assert.Equal("近日，社区书房开放。", await page.EvaluateAsync<string>("() => JSON.parse(localStorage.getItem('cn-draft:new')).Body"));
        var second = await session.Context.NewPageAsync();
        await second.GotoAsync("/admin/articles/create");
        await WaitForRichAsync(second);
        await second.GetByRole(AriaRole.Button, new() { Name = "恢复这份草稿" }).ClickAsync();
        await Assertions.Expect(Rich(second)).ToHaveTextAsync("近日，社区书房开放。");
        await second.CloseAsync();

        await page.Locator("#body-photo-file").SetInputFilesAsync(new FilePayload
        {
            Name = "IMG_0001.jpg", MimeType = "image/jpeg", Buffer = TestImages.Encode(1200, 900, SKEncodedImageFormat.Jpeg),
        });
        await Assertions.Expect(page.Locator("#editor-uploads li[data-media-id]")).ToHaveCountAsync(1);
        Assert.Equal(mediaBefore + 1, await MediaCountAsync(host));
        var id = await page.Locator("#editor-uploads li[data-media-id]").GetAttributeAsync("data-media-id");
        await Assertions.Expect(page.Locator("#PhotoIds")).ToHaveValueAsync(id!);

        // On a phone the preview follows the editor, and nothing scrolls sideways.
        var editorBox = await page.Locator("#rich-body").BoundingBoxAsync();
        var previewBox = await page.Locator("#preview").BoundingBoxAsync();
        Assert.True(previewBox!.Y >= editorBox!.Y + editorBox.Height, "the preview is not below the editor on a phone");
        Assert.False(await session.OverflowsSidewaysAsync(), "the editor scrolls sideways on a phone: " + await WideElementsAsync(page));
        await session.ScreenshotAsync("writing");
        session.AssertClean();
    }
}
