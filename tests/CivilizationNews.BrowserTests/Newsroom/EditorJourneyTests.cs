using System.Globalization;
using CivilizationNews.BrowserTests.Infrastructure;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Time;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace CivilizationNews.BrowserTests.Newsroom;

/// <summary>
/// The newsroom in a real browser: an editor signs in, writes a roundup-style lead with a photo and
/// submits it; another editor approves and schedules it; the background scheduler publishes it and
/// readers find it on the home page.
/// </summary>
public sealed class EditorJourneyTests(PortalHost host) : IClassFixture<PortalHost>
{
    private const string Title = "志愿红点亮城市文明底色";

    private static async Task SignInAsync(ReaderSession session, (string Email, string Password) account)
    {
        await session.GotoAsync("/admin/account/login");
        await session.Page.GetByLabel("邮箱").FillAsync(account.Email);
        await session.Page.GetByLabel("密码").FillAsync(account.Password);
        await session.FollowAsync(session.Page.GetByRole(AriaRole.Button, new() { Name = "登录" }));
        await Assertions.Expect(session.Page.Locator("h1")).ToHaveTextAsync("工作台");
    }

    [Fact]
    public async Task Write_submit_approve_schedule_and_read_it_on_the_home_page()
    {
        var writer = await host.CreateNewsroomUserAsync(NewsRoles.Editor, "刘思远");
        var reviewer = await host.CreateNewsroomUserAsync(NewsRoles.Editor, "赵静怡");

        // The first editor writes the lead with a photo from the library and submits it.
        await using (var a = await host.OpenAsync(Screen.Desktop, "editor-journey"))
        {
            var page = a.Page;
            await SignInAsync(a, writer);
            await a.FollowAsync(page.GetByRole(AriaRole.Link, new() { Name = "写稿" }).First);
            await page.Locator("#Kicker").FillAsync("聚力创建 文明同行");
            await page.Locator("#Title").FillAsync(Title);
            await page.Locator("#Subtitle").FillAsync("盘点一年来市直机关的志愿服务");
            await page.Locator("#Summary").FillAsync("市直机关各单位以志愿服务为抓手推进文明创建。");
            // The Markdown source mode: the textarea that the WYSIWYG view (the default) writes.
            await page.GetByRole(AriaRole.Tab, new() { Name = "Markdown 源码" }).ClickAsync();
            await page.Locator("#Body").FillAsync("## 一抹抹志愿红\n\n——**红在党建引领。**各单位组织干部职工走上16个路口，累计上岗3.06万余人次。\n\n**领导重视，率先垂范。**班子成员带头上岗。");
            await page.Locator("#SectionId").SelectOptionAsync(new SelectOptionValue { Label = "文明创建" });
            // 从图片库选择: the newest photo of the library, chosen in the picker dialog.
            await page.GetByRole(AriaRole.Button, new() { Name = "从图片库选择" }).ClickAsync();
            await page.Locator("#photo-grid .photo-option").First.ClickAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "加入选中的 1 张" }).ClickAsync();
            await Assertions.Expect(page.Locator("#photo-list .photo-card")).ToHaveCountAsync(1);
            // The live preview comes from the server's renderer: the bold lead-in is already set.
            await Assertions.Expect(page.Locator("#preview strong").Filter(new() { HasText = "领导重视，率先垂范。" })).ToBeVisibleAsync();
            await a.ScreenshotAsync("writing");
            await a.FollowAsync(page.GetByRole(AriaRole.Button, new() { Name = "保存" }));
            await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync("已保存为草稿");
            // Workflow steps post and come back to the same editor page: the flash message tells the step is done.
            await page.GetByRole(AriaRole.Button, new() { Name = "提交审核" }).ClickAsync();
            await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync("已提交审核");
            a.AssertClean();
        }

        // The second editor finds it waiting for review, approves it and schedules it.
        await using (var b = await host.OpenAsync(Screen.Desktop, "editor-journey"))
        {
            var page = b.Page;
            await SignInAsync(b, reviewer);
            await b.FollowAsync(page.Locator(".panel", new() { HasText = "待审稿件" }).GetByRole(AriaRole.Link, new() { Name = Title }));
            // Workflow steps post and come back to the same editor page: the flash message tells the step is done.
            await page.GetByRole(AriaRole.Button, new() { Name = "审核通过" }).ClickAsync();
            await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync("已审核通过");
            var at = ChinaTime.ToChina(DateTime.UtcNow.AddMinutes(1));
            await page.Locator("#scheduleAt").FillAsync(at.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
            // Workflow steps post and come back to the same editor page: the flash message tells the step is done.
            await page.GetByRole(AriaRole.Button, new() { Name = "排期发布" }).ClickAsync();
            await Assertions.Expect(page.Locator(".flash-ok")).ToContainTextAsync("已排期");
            await b.ScreenshotAsync("scheduled");
            b.AssertClean();
        }

        // Its time comes (moved forward here rather than waited for); the running scheduler publishes it.
        await host.QueryAsync(db => db.Articles.Where(x => x.Title == Title)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.ScheduledAt, DateTime.UtcNow.AddSeconds(-1))));
        await using var reader = await host.OpenAsync(Screen.Phone, "editor-journey");
        var found = false;
        for (var attempt = 0; attempt < 30 && !found; attempt++)
        {
            await reader.GotoAsync("/");
            found = await reader.Page.GetByRole(AriaRole.Link, new() { Name = Title }).CountAsync() > 0;
            if (!found)
            {
                await Task.Delay(1000, TestContext.Current.CancellationToken);
            }
        }
        Assert.True(found, "the scheduled story did not reach the home page within 30 s of its time");
        await reader.FollowAsync(reader.Page.GetByRole(AriaRole.Link, new() { Name = Title }).First);
        await Assertions.Expect(reader.Page.Locator("h1")).ToHaveTextAsync(Title);
        await Assertions.Expect(reader.Page.Locator(".story-body strong.dateline")).ToHaveTextAsync("本报讯");
        await Assertions.Expect(reader.Page.Locator(".story-body strong").Filter(new() { HasText = "领导重视，率先垂范。" })).ToBeVisibleAsync();
        await Assertions.Expect(reader.Page.Locator(".story .photo img").First).ToBeVisibleAsync();
        await reader.ScreenshotAsync("published");
        reader.AssertClean();
    }
}
