using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Editing;
using CivilizationNews.Core.Media;
using CivilizationNews.Core.Precheck;
using CivilizationNews.Core.Units;
using CivilizationNews.Tests.Common;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;

namespace CivilizationNews.Web.Tests.Areas.Admin;

/// <summary>
/// The story editor's 图片 area (issue 15 item 4): the library picker's search (GET /admin/media/search), the photo
/// area's list (GET /admin/media/photo-area) and the details saved beside a thumbnail (POST /admin/media/{id}/details),
/// over the real host and a real SQLite database.
/// </summary>
public sealed class PhotoAreaTests
{
    private const string Page = "/admin/articles/create";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Inv(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static async Task<JsonElement> SearchAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync(new Uri("/admin/media/search" + query, UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static int[] Ids(JsonElement answer) => [.. answer.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32())];

    private static async Task<JsonElement> AreaAsync(HttpClient client, string ids)
    {
        using var response = await client.GetAsync(new Uri("/admin/media/photo-area?ids=" + Uri.EscapeDataString(ids), UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    private static async Task<HttpResponseMessage> SaveDetailsAsync(HttpClient client, int id, Guid version, string alt, string? caption = null, string? credit = null, bool token = true)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("AltText", alt), new("Caption", caption ?? string.Empty), new("CreditText", credit ?? string.Empty), new("CreditKind", "1"),
            new("Version", version.ToString()),
        };
        if (token)
        {
            return await AdminClient.PostPairsAsync(client, Page, $"/admin/media/{Inv(id)}/details", fields);
        }
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync(new Uri($"/admin/media/{Inv(id)}/details", UriKind.Relative), content, Ct);
    }

    private static async Task<int> UploadAsync(HttpClient client)
    {
        using var content = new MultipartFormDataContent
        {
            { new StringContent(await AdminClient.TokenAsync(client, Page)), "__RequestVerificationToken" },
            { new ByteArrayContent(TestImages.Encode(300, 200, SKEncodedImageFormat.Png)), "file", "现场.png" },
        };
        using var response = await client.PostAsync(new Uri("/admin/media/editor-upload", UriKind.Relative), content, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task The_picker_is_for_the_newsroom_only_and_pages_the_library_newest_first()
    {
        await using var factory = await PortalFactory.CreateAsync();
        // Enough photos for a second page, whatever the demo paper holds.
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        while (await factory.QueryAsync(db => db.Media.CountAsync(Ct)) <= MediaLibrary.PickerPageSize)
        {
            await UploadAsync(editor);
        }

        using var anonymous = AdminClient.Anonymous(factory);
        using var refused = await anonymous.GetAsync(new Uri("/admin/media/search", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/admin/account/login", refused.Headers.Location?.AbsolutePath ?? string.Empty, StringComparison.OrdinalIgnoreCase);
        using var refusedArea = await anonymous.GetAsync(new Uri("/admin/media/photo-area?ids=1", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.Redirect, refusedArea.StatusCode);

        var all = await factory.QueryAsync(db => db.Media.OrderByDescending(m => m.Id).Select(m => m.Id).ToListAsync(Ct));
        foreach (var role in new[] { NewsRoles.Editor, NewsRoles.Reporter, NewsRoles.Correspondent })
        {
            var member = await AdminClient.SignInAsync(factory, role);
            var first = await SearchAsync(member, "");
            Assert.Equal(all.Count, first.GetProperty("total").GetInt32());
            Assert.Equal(1, first.GetProperty("page").GetInt32());
            Assert.Equal((all.Count + MediaLibrary.PickerPageSize - 1) / MediaLibrary.PickerPageSize, first.GetProperty("pageCount").GetInt32());
            Assert.Equal(all.Take(MediaLibrary.PickerPageSize), Ids(first));
            var second = await SearchAsync(member, "?page=2");
            Assert.Equal(all.Skip(MediaLibrary.PickerPageSize).Take(MediaLibrary.PickerPageSize), Ids(second));
        }

        // A tile carries what the library grid shows, and the newsroom's own thumbnail address.
        var tile = (await SearchAsync(editor, "")).GetProperty("items")[0];
        Assert.Equal($"/admin/media/{Inv(all[0])}/file/w480.jpg", tile.GetProperty("thumb").GetString());
        Assert.True(tile.TryGetProperty("alt", out _) && tile.TryGetProperty("caption", out _) && tile.TryGetProperty("creditLine", out _) && tile.TryGetProperty("date", out _));
    }

    [Fact]
    public async Task Without_JavaScript_the_editor_still_posts_typed_numbers_in_order()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var ids = await factory.QueryAsync(db => db.Media.OrderBy(m => m.Id).Select(m => m.Id).Take(2).ToListAsync(Ct));
        var sectionId = await factory.QueryAsync(db => db.Sections.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(Ct));
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);
        var (_, page) = await Html.GetAsync(reporter, Page);
        // The photo area is built by its script on the same field; the server page has the plain text box.
        Assert.NotNull(page.QuerySelector("#photos input#PhotoIds[name='PhotoIds']"));
        Assert.NotNull(page.QuerySelector("#photos[data-search-url='/admin/media/search'][data-area-url='/admin/media/photo-area']"));

        using var created = await AdminClient.PostFormAsync(reporter, Page, Page, new()
        {
            ["Title"] = "北站志愿服务", ["Body"] = "志愿者为旅客指路。", ["SectionId"] = Inv(sectionId), ["PageOrder"] = "1",
            ["PhotoIds"] = $"{Inv(ids[1])}，{Inv(ids[0])}",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var stored = await factory.QueryAsync(db => db.Articles.Where(a => a.Title == "北站志愿服务")
            .Select(a => a.Photos.OrderBy(p => p.SortOrder).Select(p => p.MediaId).ToList()).SingleAsync(Ct));
        Assert.Equal([ids[1], ids[0]], stored);
    }

    [Fact]
    public async Task The_picker_finds_photos_by_caption_credit_unit_and_date()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var ids = await factory.QueryAsync(db => db.Media.OrderBy(m => m.Id).Select(m => m.Id).Take(3).ToListAsync(Ct));
        var (byCaption, byCredit, byDate) = (ids[0], ids[1], ids[2]);
        await factory.QueryAsync(async db =>
        {
            await db.Media.Where(m => m.Id == byCaption).ExecuteUpdateAsync(s => s.SetProperty(m => m.Caption, "志愿者在汾河湿地观鸟台清理垃圾。"), Ct);
            await db.Media.Where(m => m.Id == byCredit).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreditText, "晋南供图站").SetProperty(m => m.CreditContributorId, (int?)null), Ct);
            // Uploaded on 2019年3月5日 in China (the evening before in UTC).
            await db.Media.Where(m => m.Id == byDate).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedAt, new DateTime(2019, 3, 4, 17, 30, 0, DateTimeKind.Utc)), Ct);
            return 0;
        });
        // A published story's unit finds the story's photo.
        var used = await factory.QueryAsync(db => db.Articles
            .Where(a => a.Status == ArticleStatus.Published && a.Photos.Any() && a.Units.Any())
            .Select(a => new { Photo = a.Photos.OrderBy(p => p.SortOrder).First().MediaId, Unit = a.Units.OrderBy(u => u.SortOrder).First().Unit!.Name })
            .FirstAsync(Ct));
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);

        Assert.Equal([byCaption], Ids(await SearchAsync(reporter, "?q=" + Uri.EscapeDataString("湿地观鸟台"))));
        Assert.Equal([byCredit], Ids(await SearchAsync(reporter, "?q=" + Uri.EscapeDataString("晋南供图"))));
        Assert.Contains(used.Photo, Ids(await SearchAsync(reporter, "?q=" + Uri.EscapeDataString(used.Unit))));
        Assert.Equal([byDate], Ids(await SearchAsync(reporter, "?date=2019-03-05")));
        Assert.Equal([byDate], Ids(await SearchAsync(reporter, "?date=" + Uri.EscapeDataString("2019年3月5日"))));
        Assert.Empty(Ids(await SearchAsync(reporter, "?date=2019-03-04")));
        var none = await SearchAsync(reporter, "?q=" + Uri.EscapeDataString("没有这样的图片说明"));
        Assert.Equal(0, none.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_unit_search_never_reveals_a_colleagues_unpublished_draft()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var (unitId, sectionId) = await factory.QueryAsync(async db =>
        {
            var unit = new Unit { Slug = "guanniao-xiehui", Name = "河东区观鸟协会", ShortName = "观鸟协会" };
            db.Units.Add(unit);
            await db.SaveChangesAsync(Ct);
            return (unit.Id, await db.Sections.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(Ct));
        });
        var author = await AdminClient.SignInAsync(factory, NewsRoles.Reporter, "刘思远");
        var photo = await UploadAsync(author);
        using var created = await AdminClient.PostFormAsync(author, Page, Page, new()
        {
            ["Title"] = "观鸟协会筹备春季观鸟节", ["Body"] = "协会将在湿地公园举办观鸟节。", ["SectionId"] = Inv(sectionId), ["PageOrder"] = "1",
            ["PrimaryUnitId"] = Inv(unitId), ["PhotoIds"] = Inv(photo),
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var colleague = await AdminClient.SignInAsync(factory, NewsRoles.Reporter, "王磊");
        using var leak = await colleague.GetAsync(new Uri("/admin/media/search?q=" + Uri.EscapeDataString("观鸟协会"), UriKind.Relative), Ct);
        var text = await leak.Content.ReadAsStringAsync(Ct);
        Assert.Equal(0, JsonDocument.Parse(text).RootElement.GetProperty("total").GetInt32());
        Assert.DoesNotContain("观鸟节", text, StringComparison.Ordinal);

        // The author and the desk find it; even then the answer names no story.
        var own = await SearchAsync(author, "?q=" + Uri.EscapeDataString("观鸟协会"));
        Assert.Equal([photo], Ids(own));
        Assert.DoesNotContain("观鸟节", own.GetRawText(), StringComparison.Ordinal);
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        Assert.Equal([photo], Ids(await SearchAsync(editor, "?q=" + Uri.EscapeDataString("观鸟协会"))));
        // The photo itself is in the library grid for everyone, as it was before the picker.
        Assert.Contains(photo, Ids(await SearchAsync(colleague, "")));
    }

    [Fact]
    public async Task The_photo_area_lists_the_ids_in_order_and_says_who_may_correct_them()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var seeded = await factory.QueryAsync(db => db.Media.OrderBy(m => m.Id).Select(m => m.Id).Take(2).ToListAsync(Ct));
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);
        var mine = await UploadAsync(reporter);

        var area = await AreaAsync(reporter, $"{Inv(seeded[1])},{Inv(mine)}，{Inv(seeded[0])},999999,x");
        var items = area.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([seeded[1], mine, seeded[0]], items.Select(i => i.GetProperty("id").GetInt32()));
        // A reporter corrects only their own upload while only their drafts use it; an editor any photo.
        Assert.Equal([false, true, false], items.Select(i => i.GetProperty("canEdit").GetBoolean()));
        Assert.True(items[1].GetProperty("altMissing").GetBoolean());
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var desk = await AreaAsync(editor, Inv(seeded[0]));
        Assert.True(desk.GetProperty("items")[0].GetProperty("canEdit").GetBoolean());
    }

    [Fact]
    public async Task Details_beside_the_thumbnail_are_saved_to_the_library_with_the_form_token_and_the_version()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var id = await factory.QueryAsync(db => db.Media.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync(Ct));
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor, "周立新");
        var loaded = (await AreaAsync(editor, Inv(id))).GetProperty("items")[0];
        var version = loaded.GetProperty("version").GetGuid();
        var before = await factory.QueryAsync(db => db.Media.Where(m => m.Id == id).Select(m => m.AltText).SingleAsync(Ct));

        using (var forged = await SaveDetailsAsync(editor, id, version, "伪造的替代文字", token: false))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }
        Assert.Equal(before, await factory.QueryAsync(db => db.Media.Where(m => m.Id == id).Select(m => m.AltText).SingleAsync(Ct)));

        using (var saved = await SaveDetailsAsync(editor, id, version, "志愿者在北站为旅客指路", "春运期间，志愿者在北站服务旅客。", "市文明办"))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            var item = (await saved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("item");
            Assert.Equal("志愿者在北站为旅客指路", item.GetProperty("alt").GetString());
            Assert.Equal("市文明办 摄", item.GetProperty("creditLine").GetString());
            Assert.NotEqual(version, item.GetProperty("version").GetGuid());
        }
        var stored = await factory.QueryAsync(db => db.Media.Where(m => m.Id == id).Select(m => new { m.AltText, m.Caption, m.CreditText, m.CreditContributorId }).SingleAsync(Ct));
        Assert.Equal("志愿者在北站为旅客指路", stored.AltText);
        Assert.Equal("春运期间，志愿者在北站服务旅客。", stored.Caption);
        Assert.Equal("市文明办", stored.CreditText);
        Assert.Null(stored.CreditContributorId);
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "media.update" && a.EntityId == Inv(id) && a.UserName == "周立新", Ct)));

        // A second save over the Version loaded before the first is a conflict: nothing written, the saved details returned.
        using (var stale = await SaveDetailsAsync(editor, id, version, "过期的替代文字"))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            var answer = await stale.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("志愿者在北站为旅客指路", answer.GetProperty("saved").GetProperty("alt").GetString());
            Assert.Equal("周立新", answer.GetProperty("savedBy").GetString());
            Assert.Contains("已被他人修改", answer.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal("志愿者在北站为旅客指路", await factory.QueryAsync(db => db.Media.Where(m => m.Id == id).Select(m => m.AltText).SingleAsync(Ct)));

        // Alt text is required; the answer names the field.
        var current = (await AreaAsync(editor, Inv(id))).GetProperty("items")[0].GetProperty("version").GetGuid();
        using (var blank = await SaveDetailsAsync(editor, id, current, "  "))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, blank.StatusCode);
            Assert.True((await blank.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("AltText", out _));
        }

        // A reporter may not change a photo that is not theirs alone.
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);
        using (var refused = await SaveDetailsAsync(reporter, id, current, "记者改的替代文字"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal(MediaLibrary.NotYoursMessage, (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("error").GetString());
        }
        Assert.Equal("志愿者在北站为旅客指路", await factory.QueryAsync(db => db.Media.Where(m => m.Id == id).Select(m => m.AltText).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_photo_waiting_for_its_alt_text_blocks_publishing_until_it_is_written_beside_the_thumbnail()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var sectionId = await factory.QueryAsync(db => db.Sections.OrderBy(s => s.Id).Select(s => s.Id).FirstAsync(Ct));
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);
        var photo = await UploadAsync(reporter);
        var subject = new PrecheckSubject(null, new ArticleText(null, "北站志愿服务", null, "摘要", null, "正文。"), sectionId, [photo]);

        async Task<IReadOnlyList<CheckFinding>> CheckAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<PublishCheck>().CheckAsync(subject, Ct)).Errors;
        }

        var error = Assert.Single(await CheckAsync(), f => f.Code == "photo-alt");
        Assert.Contains($"图片 #{Inv(photo)} 缺少替代文字", error.Message, StringComparison.Ordinal);

        var version = (await AreaAsync(reporter, Inv(photo))).GetProperty("items")[0].GetProperty("version").GetGuid();
        using var saved = await SaveDetailsAsync(reporter, photo, version, "志愿者在北站为旅客指路");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.False((await saved.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("item").GetProperty("altMissing").GetBoolean());
        Assert.DoesNotContain(await CheckAsync(), f => f.Code == "photo-alt");
    }
}
