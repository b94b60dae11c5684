using CivilizationNews.BrowserTests.Infrastructure;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Media;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CivilizationNews.BrowserTests.Newsroom;

/// <summary>
/// The story editor's 图片 area in a real browser, on a phone and a laptop: 从图片库选择 opens the library in a dialog,
/// a search finds two photos, both are chosen (one by pointer, one by keyboard), reordered by dragging and with
/// 上移/下移, the missing alt text is written beside its thumbnail, the story is saved and published, and the
/// stored order and the public page's photos follow.
/// </summary>
public sealed class PhotoAreaJourneyTests(PortalHost host) : IClassFixture<PortalHost>
{
    private static async Task SignInAsync(ReaderSession session, (string Email, string Password) account)
    {
        await session.GotoAsync("/admin/account/login");
        await session.Page.GetByLabel("邮箱").FillAsync(account.Email);
        await session.Page.GetByLabel("密码").FillAsync(account.Password);
        await session.FollowAsync(session.Page.GetByRole(AriaRole.Button, new() { Name = "登录" }));
        await Assertions.Expect(session.Page.Locator("h1")).ToHaveTextAsync("工作台");
    }

    /// <summary>A one-finger drag as the phone's touch screen reports it, through the DevTools protocol.</summary>
    private static async Task TouchDragAsync(IPage page, float x, float fromY, float toY, int steps)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        Dictionary<string, object> At(string type, float y) => new()
        {
            ["type"] = type,
            ["touchPoints"] = type == "touchEnd" ? Array.Empty<object>() : new object[] { new Dictionary<string, object> { ["x"] = x, ["y"] = y, ["id"] = 1 } },
        };
        await cdp.SendAsync("Input.dispatchTouchEvent", At("touchStart", fromY));
        for (var i = 1; i <= steps; i++)
        {
            await cdp.SendAsync("Input.dispatchTouchEvent", At("touchMove", fromY + ((toY - fromY) * i / steps)));
        }
        await cdp.SendAsync("Input.dispatchTouchEvent", At("touchEnd", toY));
        await cdp.DetachAsync();
    }

    [Theory]
    [InlineData("phone")]
    [InlineData("desktop")]
    public async Task An_editor_picks_two_photos_orders_them_writes_the_alt_text_and_publishes(string screenName)
    {
        var screen = screenName == "phone" ? Screen.Phone : Screen.Desktop;
        // Two library photos, captioned so that one search finds exactly them; the first still waits for its alt text.
        var term = $"图片区测试{screenName}";
        var (a, b) = await host.QueryAsync(async db =>
        {
            var ids = await db.Media.OrderBy(m => m.Id).Select(m => m.Id).Skip(screenName == "phone" ? 0 : 2).Take(2).ToListAsync();
            await db.Media.Where(m => m.Id == ids[0]).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Caption, $"{term}甲：志愿者在汾河岸边捡拾垃圾。").SetProperty(m => m.AltText, AltTexts.Pending));
            await db.Media.Where(m => m.Id == ids[1]).ExecuteUpdateAsync(s => s.SetProperty(m => m.Caption, $"{term}乙：社区居民参加垃圾分类宣传。"));
            return (ids[0].ToString(System.Globalization.CultureInfo.InvariantCulture), ids[1].ToString(System.Globalization.CultureInfo.InvariantCulture));
        });
        var title = $"汾河岸边志愿忙（{screenName}）";
        var altA = $"志愿者弯腰在汾河岸边捡拾垃圾（{screenName}）";
        var captionB = $"社区居民在广场参加垃圾分类宣传活动（{screenName}）。";
        var editor = await host.CreateNewsroomUserAsync(NewsRoles.Editor, screenName == "phone" ? "陈晓雨" : "李志刚");

        await using var s = await host.OpenAsync(screen, "photo-area-journey");
        var page = s.Page;
        await SignInAsync(s, editor);
        await s.GotoAsync("/admin/articles/create");
        await page.Locator("#Title").FillAsync(title);
        await page.Locator("#Summary").FillAsync("市民志愿者周末清理汾河岸边垃圾。");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Markdown 源码" }).ClickAsync();
        await page.Locator("#Body").FillAsync("周末，百余名志愿者来到汾河岸边，清理垃圾、宣传环保。");
        await page.Locator("#SectionId").SelectOptionAsync(new SelectOptionValue { Label = "文明创建" });
        // With JavaScript the typed numbers give way to the photo area; the field stays in the form.
        await Assertions.Expect(page.Locator("#PhotoIds")).ToBeHiddenAsync();

        // 从图片库选择: a modal dialog that takes the focus, searched by caption.
        var open = page.GetByRole(AriaRole.Button, new() { Name = "从图片库选择" });
        await open.ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "从图片库选择" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        var search = dialog.GetByLabel("搜索", new() { Exact = true });
        await Assertions.Expect(search).ToBeFocusedAsync();
        await search.FillAsync(term);
        await search.PressAsync("Enter");
        await Assertions.Expect(dialog.Locator("#photo-dialog-status")).ToHaveTextAsync("找到 2 张图片。");
        var optionA = dialog.Locator($".photo-option[data-id='{a}']");
        var optionB = dialog.Locator($".photo-option[data-id='{b}']");
        await Assertions.Expect(optionA).ToContainTextAsync("（未写替代文字）");
        // One by pointer, the other by keyboard: the arrow keys move through the grid, Space chooses.
        await optionA.ClickAsync();
        await Assertions.Expect(optionA).ToHaveAttributeAsync("aria-pressed", "true");
        await optionA.FocusAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(optionB).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(optionB).ToHaveAttributeAsync("aria-pressed", "true");
        // The rest of the page is inert while the dialog is open: Tab stays inside it.
        for (var i = 0; i < 8; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            Assert.True(await page.EvaluateAsync<bool>("() => !!document.activeElement.closest('#photo-dialog') || document.activeElement === document.body"),
                "the focus left the picker dialog");
        }
        Assert.False(await s.OverflowsSidewaysAsync(), "the picker makes the page scroll sideways");
        await s.ScreenshotAsync("picker", fullPage: false);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "加入选中的 2 张" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
        await Assertions.Expect(open).ToBeFocusedAsync();

        // The photos in the order chosen, written into PhotoIds.
        var ids = page.Locator("#PhotoIds");
        var cards = page.Locator("#photo-list .photo-card");
        await Assertions.Expect(cards).ToHaveCountAsync(2);
        await Assertions.Expect(ids).ToHaveValueAsync($"{a},{b}");
        await Assertions.Expect(page.Locator("#photos-live")).ToContainTextAsync("已加入 2 张图片");

        // Dragged by its handle, B goes above A: with a finger on the phone (touch events, which the browser
        // turns into the pointer events the area listens to), with the mouse on the laptop.
        var handleB = page.Locator($".photo-card[data-id='{b}'] .photo-handle");
        var cardA = page.Locator($".photo-card[data-id='{a}']");
        // Both in view on a phone too: A's top at the top of the screen, B's handle below it.
        await cardA.EvaluateAsync("e => e.scrollIntoView({ block: 'start' })");
        var from = await handleB.BoundingBoxAsync() ?? throw new InvalidOperationException("no handle box");
        var to = await cardA.BoundingBoxAsync() ?? throw new InvalidOperationException("no card box");
        var x = from.X + from.Width / 2;
        if (screen.Mobile)
        {
            await page.EvaluateAsync("() => { window.cnCancels = 0; document.addEventListener('pointercancel', () => window.cnCancels++); }");
            await TouchDragAsync(page, x, from.Y + from.Height / 2, to.Y + 4, steps: 12);
            // The finger moved the card, not the page: had the browser taken the touch for scrolling, it would have
            // cancelled the pointer (the handle's touch-action: none is what keeps it).
            Assert.Equal(0, await page.EvaluateAsync<int>("() => window.cnCancels"));
        }
        else
        {
            await page.Mouse.MoveAsync(x, from.Y + from.Height / 2);
            await page.Mouse.DownAsync();
            await page.Mouse.MoveAsync(x, to.Y + 4, new() { Steps = 12 });
            await page.Mouse.UpAsync();
        }
        await Assertions.Expect(ids).ToHaveValueAsync($"{b},{a}");
        await Assertions.Expect(cards.First.Locator(".photo-card-number")).ToContainTextAsync($"第 1 张（题图） · #{b}");

        // With the keyboard: 下移 then 上移 on B, the focus staying on B's buttons.
        var downB = page.GetByRole(AriaRole.Button, new() { Name = $"下移图片 #{b}" });
        await downB.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(ids).ToHaveValueAsync($"{a},{b}");
        var upB = page.GetByRole(AriaRole.Button, new() { Name = $"上移图片 #{b}" });
        await Assertions.Expect(upB).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(ids).ToHaveValueAsync($"{b},{a}");
        await Assertions.Expect(page.Locator("#photos-live")).ToContainTextAsync($"已将图片 #{b} 移到第 1 张");

        // A lacks alt text: its card says so, and it is written and saved in place.
        var altField = page.Locator($"#photo-alt-{a}");
        await Assertions.Expect(cardA.Locator(".photo-alt-missing")).ToBeVisibleAsync();
        await Assertions.Expect(altField).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.Locator($".photo-card[data-id='{b}'] .photo-alt-missing")).ToBeHiddenAsync();
        await altField.FillAsync(altA);
        await page.GetByRole(AriaRole.Button, new() { Name = $"更新图片 #{a} 的信息" }).ClickAsync();
        await Assertions.Expect(cardA.Locator(".photo-card-status")).ToContainTextAsync("图片信息已更新");
        await Assertions.Expect(cardA.Locator(".photo-alt-missing")).ToBeHiddenAsync();
        // B's caption is changed and left unsaved: the story's 保存 saves it first.
        await page.Locator($"#photo-caption-{b}").FillAsync(captionB);
        Assert.False(await s.OverflowsSidewaysAsync(), "the photo area makes the page scroll sideways");
        await page.Locator("#photos").ScrollIntoViewIfNeededAsync();
        await s.ScreenshotAsync("photo-area", fullPage: false);

        await s.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "保存", Exact = true }));
        await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync("已保存为草稿");
        await Assertions.Expect(page.Locator("#photo-list .photo-card")).ToHaveCountAsync(2);
        await Assertions.Expect(page.Locator("#photo-list .photo-card").First).ToHaveAttributeAsync("data-id", b);

        var stored = await host.QueryAsync(db => db.Articles.Where(x => x.Title == title)
            .Select(x => new { x.Id, Photos = x.Photos.OrderBy(p => p.SortOrder).Select(p => p.MediaId).ToList() }).SingleAsync());
        Assert.Equal([int.Parse(b, System.Globalization.CultureInfo.InvariantCulture), int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)], stored.Photos);
        var media = await host.QueryAsync(db => db.Media.Where(m => m.Id == stored.Photos[0] || m.Id == stored.Photos[1])
            .Select(m => new { m.Id, m.AltText, m.Caption }).ToListAsync());
        Assert.Equal(altA, media.Single(m => m.Id == stored.Photos[1]).AltText);
        Assert.Equal(captionB, media.Single(m => m.Id == stored.Photos[0]).Caption);

        // The pre-publish check has nothing against the photos now; the editor takes the story through to publication.
        await Assertions.Expect(page.Locator("#precheck-box")).Not.ToContainTextAsync("缺少替代文字");
        foreach (var step in new[] { ("提交审核", "已提交审核"), ("审核通过", "已审核通过"), ("立即发布", "已发布") })
        {
            await page.GetByRole(AriaRole.Button, new() { Name = step.Item1 }).ClickAsync();
            await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync(step.Item2);
        }

        await s.GotoAsync($"/article/{stored.Id}");
        var photos = page.Locator(".story .photo img");
        await Assertions.Expect(photos).ToHaveCountAsync(2);
        await Assertions.Expect(photos.Nth(0)).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex($"/media/{b}/"));
        await Assertions.Expect(photos.Nth(1)).ToHaveAttributeAsync("alt", altA);
        await Assertions.Expect(page.Locator(".story .photo figcaption").First).ToContainTextAsync(captionB);
        await s.WaitForImageAsync(photos.Nth(1));
        await s.ScreenshotAsync("published");
        s.AssertClean();
    }
}
