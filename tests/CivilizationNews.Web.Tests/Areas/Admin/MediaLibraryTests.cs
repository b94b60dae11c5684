using System.Net;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Media;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;
using static CivilizationNews.Web.Tests.Areas.Admin.ManagementTestKit;
using static CivilizationNews.Tests.Common.TestImages;

namespace CivilizationNews.Web.Tests.Areas.Admin;

public sealed class MediaLibraryTests
{
    private static Dictionary<string, string> Metadata(string alt = "志愿者在路口引导行人") => new()
    {
        ["AltText"] = alt, ["Caption"] = "市直机关志愿者在河东街路口开展文明劝导。", ["CreditText"] = "", ["CreditKind"] = "Photographed",
    };

    private static Task<(int Items, int Variants)> CountsAsync(PortalFactory factory) =>
        factory.QueryAsync(async db => (await db.Media.CountAsync(Ct), await db.MediaVariants.CountAsync(Ct)));

    [Fact]
    public async Task A_valid_upload_by_a_reporter_creates_renditions_and_is_audited()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter, "郭朝辉");
        var contributor = await factory.QueryAsync(db => db.Contributors.Where(c => c.Slug == "guozhaohui").Select(c => c.Id).SingleAsync(Ct));
        var fields = Metadata();
        fields["CreditContributorId"] = contributor.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Named .bin and sent as application/octet-stream: the content decides, not the name or the header.
        var response = await UploadAsync(reporter, fields, "upload.bin", "application/octet-stream", Encode(1600, 1000, SKEncodedImageFormat.Png));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = IdFrom(response, 3);
        var item = await factory.QueryAsync(db => db.Media.Include(m => m.Variants).SingleAsync(m => m.Id == id, Ct));
        Assert.Equal("image/png", item.ContentType);
        Assert.Equal((1600, 1000), (item.Width, item.Height));
        Assert.Equal("志愿者在路口引导行人", item.AltText);
        Assert.Equal(contributor, item.CreditContributorId);
        Assert.Equal(CreditKind.Photographed, item.CreditKind);
        Assert.Equal(["original", "w1440.jpg", "w1440.webp", "w480.jpg", "w480.webp", "w960.jpg", "w960.webp"], item.Variants.Select(v => v.Name).Order(StringComparer.Ordinal));
        Assert.Equal(480, item.Variants.Single(v => v.Name == "w480.jpg").Width);

        // Nothing published uses it yet: readers get nothing, the newsroom gets it privately.
        var outside = await AdminClient.Anonymous(factory).GetAsync(new Uri($"/media/{id}/w480.jpg", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, outside.StatusCode);
        var thumbnail = await reporter.GetAsync(new Uri($"/admin/media/{id}/file/w480.jpg", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.OK, thumbnail.StatusCode);
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        Assert.True(thumbnail.Headers.CacheControl is { NoStore: true, Private: true }, thumbnail.Headers.CacheControl?.ToString());
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "media.upload" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct)));

        var (_, library) = await Html.GetAsync(reporter, "/admin/media");
        Assert.NotNull(library.QuerySelector($"img[src='/admin/media/{id}/file/w480.jpg'][alt='志愿者在路口引导行人']"));
    }

    [Fact]
    public async Task An_image_is_public_only_while_something_published_shows_it()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var reader = AdminClient.Anonymous(factory);
        var id = IdFrom(await UploadAsync(editor, Metadata(), "street.png", "image/png", Encode(1200, 800, SKEncodedImageFormat.Png)), 3);
        async Task<HttpResponseMessage> ReadAsync() => await reader.GetAsync(new Uri($"/media/{id}/w960.jpg", UriKind.Relative), Ct);
        Assert.Equal(HttpStatusCode.NotFound, (await ReadAsync()).StatusCode);
        // The newsroom route is for signed-in members only.
        var signedOut = await reader.GetAsync(new Uri($"/admin/media/{id}/file/w960.jpg", UriKind.Relative), Ct);
        Assert.NotEqual(HttpStatusCode.OK, signedOut.StatusCode);

        // On a draft: still nothing for readers.
        var draft = await AdminClient.CreateStoryAsync(editor, await factory.QueryAsync(db => db.Sections.Select(s => s.Id).FirstAsync(Ct)), "尚未发布的稿件");
        await factory.QueryAsync(async db =>
        {
            db.ArticlePhotos.Add(new ArticlePhoto { ArticleId = draft, MediaId = id, SortOrder = 9 });
            return await db.SaveChangesAsync(Ct);
        });
        Assert.Equal(HttpStatusCode.NotFound, (await ReadAsync()).StatusCode);

        // On a published story: served, kept by browsers for a day, and from the output cache the second time.
        var published = await factory.QueryAsync(db => db.Articles.Where(a => a.Status == ArticleStatus.Published).OrderByDescending(a => a.Id)
            .Select(a => a.Id).FirstAsync(Ct));
        await factory.QueryAsync(async db =>
        {
            db.ArticlePhotos.Add(new ArticlePhoto { ArticleId = published, MediaId = id, SortOrder = 9 });
            return await db.SaveChangesAsync(Ct);
        });
        var served = await ReadAsync();
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("public, max-age=86400", served.Headers.CacheControl?.ToString());
        Assert.NotNull((await ReadAsync()).Headers.Age);

        // The story is withdrawn: the cached copy goes with it.
        var withdrawn = await AdminClient.PostFormAsync(editor, $"/admin/articles/{published}/edit", $"/admin/articles/{published}/transition",
            new() { ["to"] = "withdrawn", ["reason"] = "信息需要核实" });
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ReadAsync()).StatusCode);
    }

    [Fact]
    public async Task A_reporter_sees_which_published_stories_use_an_image_but_not_the_titles_of_colleagues_drafts()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);
        var id = IdFrom(await UploadAsync(editor, Metadata(), "shared.png", "image/png", Encode(800, 600, SKEncodedImageFormat.Png)), 3);
        const string draftTitle = "编辑部内部的稿件";
        var draft = await AdminClient.CreateStoryAsync(editor, await factory.QueryAsync(db => db.Sections.Select(s => s.Id).FirstAsync(Ct)), draftTitle);
        var publishedTitle = await factory.QueryAsync(async db =>
        {
            var published = await db.Articles.FirstAsync(a => a.Status == ArticleStatus.Published, Ct);
            db.ArticlePhotos.AddRange(
                new ArticlePhoto { ArticleId = draft, MediaId = id, SortOrder = 9 },
                new ArticlePhoto { ArticleId = published.Id, MediaId = id, SortOrder = 9 });
            await db.SaveChangesAsync(Ct);
            return published.Title;
        });

        var (_, asReporter) = await Html.GetAsync(reporter, $"/admin/media/{id}");
        Assert.Contains(publishedTitle, asReporter.Body.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(draftTitle, asReporter.Body.Text(), StringComparison.Ordinal);
        Assert.Contains("另有 1 处", asReporter.Body.Text(), StringComparison.Ordinal);

        var (_, asEditor) = await Html.GetAsync(editor, $"/admin/media/{id}");
        Assert.Contains(draftTitle, asEditor.Body.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_renamed_text_file_is_refused_with_a_Chinese_message_and_nothing_is_stored()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var before = await CountsAsync(factory);

        var response = await UploadAsync(editor, Metadata(), "photo.jpg", "image/jpeg", "这不是图片，只是改了扩展名的文本文件。\n"u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ImageUploadValidator.WrongTypeMessage, await ErrorsAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(factory));
    }

    [Fact]
    public async Task A_file_just_over_10_MB_is_refused_with_a_Chinese_message_and_nothing_is_stored()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var before = await CountsAsync(factory);
        var data = new byte[ImageUploadValidator.MaxBytes + 1];
        Encode(64, 64, SKEncodedImageFormat.Jpeg).CopyTo(data, 0);

        var response = await UploadAsync(editor, Metadata(), "big.jpg", "image/jpeg", data);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ImageUploadValidator.TooLargeMessage, await ErrorsAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(factory));
    }

    [Fact]
    public async Task A_file_far_over_the_request_limit_gets_the_Chinese_message_not_an_error_page()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var before = await CountsAsync(factory);

        var response = await UploadAsync(editor, Metadata(), "huge.jpg", "image/jpeg", new byte[16 * 1024 * 1024]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/media/upload", response.Headers.Location?.OriginalString);
        Assert.Contains(ImageUploadValidator.TooLargeMessage, await FlashAsync(editor, "/admin/media/upload"), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(factory));
    }

    [Fact]
    public async Task A_decompression_bomb_is_refused_from_its_header_and_nothing_is_stored()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var before = await CountsAsync(factory);
        var bomb = PngBomb(30_000, 30_000);
        Assert.True(bomb.Length < 64 * 1024, $"the bomb is {bomb.Length} bytes");

        var response = await UploadAsync(editor, Metadata(), "small.png", "image/png", bomb);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("图片尺寸过大（30000×30000 像素）", await ErrorsAsync(response), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(factory));
    }

    [Fact]
    public async Task Alt_text_is_required_and_the_other_fields_are_kept()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var before = await CountsAsync(factory);

        var response = await UploadAsync(editor, Metadata(alt: "  "), "ok.webp", "image/webp", Encode(800, 600, SKEncodedImageFormat.Webp));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请填写替代文字", await ErrorsAsync(response), StringComparison.Ordinal);
        Assert.Contains("市直机关志愿者在河东街路口开展文明劝导。", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(factory));
    }

    [Fact]
    public async Task An_image_shows_where_it_is_used_and_a_used_image_cannot_be_deleted()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var (mediaId, title) = await factory.QueryAsync(db => db.ArticlePhotos.OrderBy(p => p.MediaId)
            .Select(p => new ValueTuple<int, string>(p.MediaId, p.Article!.Title)).FirstAsync(Ct));

        var (_, page) = await Html.GetAsync(editor, $"/admin/media/{mediaId}");
        Assert.Contains(title, page.Body.Text(), StringComparison.Ordinal);

        var delete = await AdminClient.PostFormAsync(editor, $"/admin/media/{mediaId}", $"/admin/media/{mediaId}/delete", new());
        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.Contains("不能删除", await FlashAsync(editor, $"/admin/media/{mediaId}"), StringComparison.Ordinal);
        Assert.True(await factory.QueryAsync(db => db.Media.AnyAsync(m => m.Id == mediaId, Ct)));
    }

    [Fact]
    public async Task Metadata_edits_are_saved_and_a_stale_edit_is_refused()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var (id, version) = await factory.QueryAsync(db => db.Media.OrderBy(m => m.Id).Select(m => new ValueTuple<int, Guid>(m.Id, m.Version)).FirstAsync(Ct));
        var form = new Dictionary<string, string>
        {
            ["AltText"] = "新的替代文字", ["Caption"] = "新的说明", ["CreditContributorId"] = "", ["CreditText"] = "市中心医院", ["CreditKind"] = "Provided",
            ["Version"] = version.ToString(),
        };

        var saved = await AdminClient.PostFormAsync(editor, $"/admin/media/{id}", $"/admin/media/{id}", form);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var item = await factory.QueryAsync(db => db.Media.SingleAsync(m => m.Id == id, Ct));
        Assert.Equal(("新的替代文字", "市中心医院", CreditKind.Provided, (int?)null), (item.AltText, item.CreditText, item.CreditKind, item.CreditContributorId));

        form["AltText"] = "过期页面上的修改";
        var stale = await AdminClient.PostFormAsync(editor, $"/admin/media/{id}", $"/admin/media/{id}", form);
        // One conflict experience across the admin: 409, the editor's input kept beside what is saved now.
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var conflict = await stale.Content.ReadAsStringAsync(Ct);
        Assert.Contains("已被他人修改", conflict, StringComparison.Ordinal);
        Assert.Contains("过期页面上的修改", conflict, StringComparison.Ordinal);
        Assert.Equal("新的替代文字", await factory.QueryAsync(db => db.Media.Where(m => m.Id == id).Select(m => m.AltText).SingleAsync(Ct)));
    }

    [Fact]
    public async Task A_reporter_changes_a_photos_caption_only_while_it_is_theirs_and_only_their_drafts_use_it()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        async Task<HttpResponseMessage> EditAsync(HttpClient who, int id, string alt)
        {
            var version = await factory.QueryAsync(db => db.Media.Where(m => m.Id == id).Select(m => m.Version).SingleAsync(Ct));
            return await AdminClient.PostFormAsync(who, $"/admin/media/{id}", $"/admin/media/{id}", new()
            {
                ["AltText"] = alt, ["Caption"] = "说明", ["CreditContributorId"] = "", ["CreditText"] = "本报", ["CreditKind"] = "Photographed",
                ["Version"] = version.ToString(),
            });
        }
        Task<string> AltAsync(int id) => factory.QueryAsync(db => db.Media.Where(m => m.Id == id).Select(m => m.AltText).SingleAsync(Ct));

        // A photo on a published front-page story: the reporter is refused, nothing changes, the editor may.
        var onFrontPage = await factory.QueryAsync(db => db.ArticlePhotos.Where(p => p.Article!.Status == ArticleStatus.Published)
            .Select(p => new { p.MediaId, p.ArticleId }).FirstAsync(Ct));
        var before = await AltAsync(onFrontPage.MediaId);
        var refused = await EditAsync(reporter, onFrontPage.MediaId, "通讯员改写的替代文字");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("只有编辑可以修改这张图片的说明和署名", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(before, await AltAsync(onFrontPage.MediaId));
        Assert.Equal(HttpStatusCode.Redirect, (await EditAsync(editor, onFrontPage.MediaId, "编辑核定的替代文字")).StatusCode);

        // The reporter's own upload, used by nothing: theirs to correct.
        var uploaded = await UploadAsync(reporter, Metadata(), "mine.png", "image/png", Encode(800, 600, SKEncodedImageFormat.Png));
        var mine = IdFrom(uploaded, 3);
        Assert.Equal(HttpStatusCode.Redirect, (await EditAsync(reporter, mine, "我拍的照片")).StatusCode);
        Assert.Equal("我拍的照片", await AltAsync(mine));

        // Once a published story uses it, only an editor changes what readers see under it.
        await factory.QueryAsync(async db =>
        {
            db.ArticlePhotos.Add(new ArticlePhoto { ArticleId = onFrontPage.ArticleId, MediaId = mine, SortOrder = 99 });
            return await db.SaveChangesAsync(Ct);
        });
        Assert.Equal(HttpStatusCode.Forbidden, (await EditAsync(reporter, mine, "发布之后再改")).StatusCode);
        Assert.Equal("我拍的照片", await AltAsync(mine));

        // Someone else's upload is not the reporter's either.
        var editorsUpload = IdFrom(await UploadAsync(editor, Metadata(), "theirs.png", "image/png", Encode(800, 600, SKEncodedImageFormat.Png)), 3);
        Assert.Equal(HttpStatusCode.Forbidden, (await EditAsync(reporter, editorsUpload, "不是我的")).StatusCode);
    }
}
