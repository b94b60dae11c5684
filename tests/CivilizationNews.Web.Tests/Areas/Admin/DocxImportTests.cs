using System.Globalization;
using System.Net;
using AngleSharp.Html.Parser;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Importing.Docx;
using CivilizationNews.Tests.Common;
using CivilizationNews.Web.Tests.Support;
using DocumentFormat.OpenXml;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace CivilizationNews.Web.Tests.Areas.Admin;

/// <summary>从 Word 导入 through the admin: a correspondent's .docx becomes their draft; what is not a plain .docx is refused and creates nothing.</summary>
public sealed class DocxImportTests
{
    private const string Page = "/admin/articles/word";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A correspondent's story: headings, bold, a table, two pictures with captions and a byline line.</summary>
    private static byte[] Story() => new DocxBuilder()
        .Title("“零跑腿”服务跑出加速度")
        .Paragraph("通讯员 张晓燕 本报记者 刘思远")
        .Runs(("　　本报讯 今年以来，", false), ("市人社局", true), ("把“放管服”改革作为一号工程。", false))
        .Image(TestImages.Encode(800, 600, SKEncodedImageFormat.Jpeg), "image/jpeg", alt: "窗口工作人员为群众办理业务")
        .Paragraph("窗口工作人员为群众办理业务 本报记者 刘思远 摄")
        .Heading("一、数据多跑路", 2)
        .Table(["事项", "办理时限"], ["社保卡补办", "即时办结"])
        .Image(TestImages.Encode(600, 400, SKEncodedImageFormat.Png), "image/png")
        .Caption("群众在自助终端查询业务（市人社局供图）")
        .Empty()
        .Paragraph("　　“零跑腿”事项已达126项。")
        .Build();

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[]? file, int sectionId, string fileName = "story.docx", bool token = true)
    {
        using var content = new MultipartFormDataContent();
        if (token)
        {
            content.Add(new StringContent(await AdminClient.TokenAsync(client, Page)), "__RequestVerificationToken");
        }
        content.Add(new StringContent(sectionId.ToString(CultureInfo.InvariantCulture)), "SectionId");
        if (file is not null)
        {
            var part = new ByteArrayContent(file);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
            content.Add(part, "File", fileName);
        }
        return await client.PostAsync(new Uri(Page, UriKind.Relative), content, Ct);
    }

    private static Task<int> SectionAsync(PortalFactory factory) =>
        factory.QueryAsync(db => db.Sections.OrderBy(s => s.SortOrder).Select(s => s.Id).FirstAsync(Ct));

    private static Task<(int Articles, int Media, int Contributors, int Audit)> CountsAsync(PortalFactory factory) => factory.QueryAsync(async db =>
        (await db.Articles.CountAsync(Ct), await db.Media.CountAsync(Ct), await db.Contributors.CountAsync(Ct),
            await db.AuditEntries.CountAsync(Ct)));

    [Fact]
    public async Task A_correspondent_uploads_a_Word_document_and_gets_a_draft_with_its_photos_and_byline()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var unitId = await factory.QueryAsync(db => db.Units.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(Ct));
        var sectionId = await SectionAsync(factory);
        var (userId, email, password) = await AdminClient.CreateUserAsync(factory, NewsRoles.Correspondent, "张晓燕", unitId);
        var client = AdminClient.Anonymous(factory);
        await AdminClient.SignInAsAsync(factory, client, email, password);
        var mediaBefore = await factory.QueryAsync(db => db.Media.CountAsync(Ct));

        // The form is reachable from the story list.
        var list = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri("/admin/articles", UriKind.Relative), Ct));
        Assert.Contains(list.QuerySelectorAll("a"), a => a.GetAttribute("href") == Page && a.TextContent == "从 Word 导入");

        using var response = await UploadAsync(client, Story(), sectionId);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var editUrl = response.Headers.Location!.OriginalString;
        Assert.Matches(@"^/admin/articles/\d+/edit$", editUrl);
        var id = int.Parse(editUrl.Split('/')[3], CultureInfo.InvariantCulture);
        var draft = await factory.QueryAsync(db => db.Articles.Where(a => a.Id == id).Select(a => new
        {
            a.Title, a.Status, a.AuthorId, a.Dateline, a.Body, a.SectionId,
            Units = a.Units.Select(u => u.UnitId).ToList(),
            Credits = a.Credits.OrderBy(c => c.SortOrder).Select(c => new { c.Role, c.Contributor!.Name }).ToList(),
            Photos = a.Photos.OrderBy(p => p.SortOrder).Select(p => new { p.Media!.Caption, p.Media.CreditText, p.Media.CreditKind, p.Media.AltText }).ToList(),
        }).SingleAsync(Ct));
        Assert.Equal("“零跑腿”服务跑出加速度", draft.Title);
        Assert.Equal(ArticleStatus.Draft, draft.Status);
        Assert.Equal(userId, draft.AuthorId);
        Assert.Equal(sectionId, draft.SectionId);
        Assert.Equal([unitId], draft.Units);
        Assert.Equal("本报讯", draft.Dateline);
        Assert.Equal("今年以来，**市人社局**把“放管服”改革作为一号工程。\n\n## 一、数据多跑路\n\n| 事项 | 办理时限 |\n| --- | --- |\n| 社保卡补办 | 即时办结 |\n\n“零跑腿”事项已达126项。", draft.Body);
        Assert.Equal([(CreditRole.Correspondent, "张晓燕"), (CreditRole.Reporter, "刘思远")], draft.Credits.Select(c => (c.Role, c.Name)));
        Assert.Equal(2, draft.Photos.Count);
        Assert.Equal(("窗口工作人员为群众办理业务", "刘思远", "窗口工作人员为群众办理业务"), (draft.Photos[0].Caption, draft.Photos[0].CreditText, draft.Photos[0].AltText));
        Assert.Equal(("群众在自助终端查询业务", "市人社局", Core.Media.CreditKind.Provided), (draft.Photos[1].Caption, draft.Photos[1].CreditText, draft.Photos[1].CreditKind));
        Assert.Equal(mediaBefore + 2, await factory.QueryAsync(db => db.Media.CountAsync(Ct)));
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == DocxImportDesk.ImportAction && a.EntityId == id.ToString(CultureInfo.InvariantCulture) && a.UserId == userId, Ct)));

        // The editor page opens on the draft with the confirmation.
        var edit = new HtmlParser().ParseDocument(await client.GetStringAsync(new Uri(editUrl, UriKind.Relative), Ct));
        Assert.Equal("“零跑腿”服务跑出加速度", edit.QuerySelector("#Title")!.GetAttribute("value"));
        Assert.Contains("已从 Word 文档生成草稿", edit.Body!.TextContent, StringComparison.Ordinal);
    }

    public static TheoryData<string, DocxRefusal> Refused() => new()
    {
        { "encrypted", DocxRefusal.Encrypted },
        { "macro", DocxRefusal.MacroEnabled },
        { "broken", DocxRefusal.Broken },
        { "doc", DocxRefusal.LegacyDoc },
        { "empty", DocxRefusal.Empty },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_file_that_is_not_a_plain_docx_is_refused_in_Chinese_and_creates_nothing(string kind, DocxRefusal refusal)
    {
        await using var factory = await PortalFactory.CreateAsync();
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);
        var sectionId = await SectionAsync(factory);
        var before = await CountsAsync(factory);
        var story = Story();
        var file = kind switch
        {
            "encrypted" => DocxBuilder.EncryptedLookalike(),
            "macro" => new DocxBuilder().Title("带宏的文档").Paragraph("正文。").Build(WordprocessingDocumentType.MacroEnabledDocument),
            "broken" => story[..(story.Length / 3)],
            "doc" => DocxBuilder.LegacyDocLookalike(),
            _ => [],
        };

        using var response = await UploadAsync(reporter, file, sectionId, kind == "macro" ? "story.docm" : "story.docx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(DocxInputException.MessageFor(refusal), page.QuerySelector("#docx-error")!.TextContent);
        Assert.Equal(before, await CountsAsync(factory));
    }

    [Fact]
    public async Task A_document_over_20_MB_is_refused_in_Chinese_before_it_is_read()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);
        var before = await CountsAsync(factory);
        byte[] huge = [.. Story(), .. new byte[DocxReader.MaxBytes + (2 * 1024 * 1024)]];

        using var response = await UploadAsync(reporter, huge, await SectionAsync(factory));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(Page, response.Headers.Location?.OriginalString);
        var form = await reporter.GetStringAsync(new Uri(Page, UriKind.Relative), Ct);
        Assert.Contains(DocxInputException.MessageFor(DocxRefusal.TooLarge), form, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync(factory));
    }

    [Fact]
    public async Task The_upload_needs_the_form_token()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var reporter = await AdminClient.SignInAsync(factory, NewsRoles.Reporter);
        var before = await CountsAsync(factory);

        using var response = await UploadAsync(reporter, Story(), await SectionAsync(factory), token: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CountsAsync(factory));
    }

    [Fact]
    public async Task Anyone_signed_out_is_sent_to_sign_in()
    {
        await using var factory = await PortalFactory.CreateAsync();
        using var response = await AdminClient.Anonymous(factory).GetAsync(new Uri(Page, UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/admin/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}
