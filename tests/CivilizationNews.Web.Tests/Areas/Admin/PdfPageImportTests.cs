using System.Globalization;
using System.Net;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Importing;
using CivilizationNews.Tests.Common;
using CivilizationNews.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Tests.Areas.Admin;

/// <summary>导入版面 takes the page's PDF as the layout system exports it, as well as its text.</summary>
public sealed class PdfPageImportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Fixture(string name) => File.ReadAllBytes(Path.Combine(SharedFolder.Path(), "fixtures", "print-pdfs", name));

    private static async Task<HttpResponseMessage> UploadAsync(PortalFactory factory, HttpClient client, byte[] file, string fileName)
    {
        var section = await factory.QueryAsync(db => db.Sections.Select(s => s.Id).FirstAsync(Ct));
        var token = await AdminClient.TokenAsync(client, "/admin/import");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in new Dictionary<string, string>
        {
            ["Date"] = "2021-12-11", ["PageNumber"] = "3", ["PageName"] = "专版", ["SectionId"] = section.ToString(CultureInfo.InvariantCulture),
        })
        {
            content.Add(new StringContent(value), name);
        }
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        content.Add(part, "File", fileName);
        return await client.PostAsync(new Uri("/admin/import", UriKind.Relative), content, Ct);
    }

    [Fact]
    public async Task A_page_pdf_uploaded_gives_the_review_of_its_stories()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);

        using var response = await UploadAsync(factory, editor, Fixture("page-b.pdf"), "第3版.pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains("读自版面 PDF", html, StringComparison.Ordinal);
        Assert.Contains("识别出 3 篇稿件", html, StringComparison.Ordinal);
        foreach (var title in new[] { "社区里的“银发课堂”开课了", "“零跑腿”服务跑出加速度", "消防安全“流动课堂”进校园" })
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(title), html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_encrypted_pdf_is_refused_in_Chinese_and_nothing_is_created()
    {
        await using var factory = await PortalFactory.CreateAsync();
        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        var before = await factory.QueryAsync(db => db.Articles.CountAsync(Ct));
        var encrypted = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "CivilizationNews.Core.Tests",
            "Importing", "Fixtures", "pdf", "encrypted-no-password.pdf"));

        using var response = await UploadAsync(factory, editor, encrypted, "第3版.pdf");

        var html = await response.Content.ReadAsStringAsync(Ct);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(ImportInputException.MessageFor(ImportInputReason.PdfEncrypted)), html, StringComparison.Ordinal);
        Assert.Equal(before, await factory.QueryAsync(db => db.Articles.CountAsync(Ct)));
    }
}
