using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Articles;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Contributors;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Importing.Docx;
using CivilizationNews.Core.Media;
using CivilizationNews.Core.Tests.Support;
using CivilizationNews.Core.Validation;
using CivilizationNews.Tests.Common;
using Microsoft.EntityFrameworkCore;
using SkiaSharp;

namespace CivilizationNews.Core.Tests.Importing.Docx;

/// <summary>A Word document becomes a draft through the desks (library, contributors, editor) in one transaction.</summary>
public sealed class DocxImportDeskTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DocxImportDesk Desk(NewsroomFixture fixture, NewsDbContext db)
    {
        var audit = new AuditLog(db, fixture.Clock);
        return new DocxImportDesk(db, new Core.Editing.ArticleDesk(db, audit, fixture.Clock), new MediaLibrary(db, audit, fixture.Clock), new ContributorDesk(db, audit), audit);
    }

    private static byte[] Document(params byte[][] pictures)
    {
        var builder = new DocxBuilder()
            .Title("志愿红点亮城市文明")
            .Paragraph("本报记者 刘思远 通讯员 张晓燕")
            .Runs(("　　本报讯（记者 王磊）连日来，", false), ("志愿者", true), ("们活跃在街头巷尾。", false))
            .Heading("一抹抹志愿红", 2)
            .Paragraph("　　各单位组织干部上路口。");
        foreach (var picture in pictures)
        {
            builder.Image(picture, "image/jpeg").Paragraph("志愿者在路口引导行人 本报记者 王磊 摄");
        }
        return builder.Build();
    }

    private static async Task<(int Articles, int Media, int Contributors, int Audit, int Revisions)> CountsAsync(NewsroomFixture fixture)
    {
        await using var db = fixture.Context();
        return (await db.Articles.CountAsync(Ct), await db.Media.CountAsync(Ct), await db.Contributors.CountAsync(Ct),
            await db.AuditEntries.CountAsync(Ct), await db.ArticleRevisions.CountAsync(Ct));
    }

    [Fact]
    public async Task A_document_becomes_a_draft_with_its_pictures_in_the_library_and_its_byline_as_credits()
    {
        using var fixture = await NewsroomFixture.CreateAsync();
        await using (var seed = fixture.Context())
        {
            seed.Contributors.Add(new Contributor { Slug = "liu-siyuan", Name = "刘思远", UpdatedAt = DateTime.UtcNow, Version = Guid.NewGuid() });
            await seed.SaveChangesAsync(Ct);
        }
        var picture = TestImages.JpegWithExif(TestImages.HalvesJpeg(400, 200), orientation: 6, make: "Phone");

        DocxImportResult result;
        await using (var db = fixture.Context())
        {
            result = await Desk(fixture, db).ImportAsync(Document(picture), "志愿红.docx", fixture.SectionId, NewsroomFixture.Reporter, Ct);
        }

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        Assert.Equal(1, result.Photos);
        await using var check = fixture.Context();
        var article = await check.Articles.Where(a => a.Id == result.ArticleId).Select(a => new
        {
            a.Title, a.Dateline, a.Body, a.Status, a.AuthorId,
            Credits = a.Credits.OrderBy(c => c.SortOrder).Select(c => new { c.Role, c.Contributor!.Name }).ToList(),
            Photos = a.Photos.Select(p => new { p.MediaId, p.Media!.Caption, p.Media.CreditText, p.Media.AltText, p.Media.Width, p.Media.Height }).ToList(),
        }).SingleAsync(Ct);
        Assert.Equal("志愿红点亮城市文明", article.Title);
        Assert.Equal(ArticleStatus.Draft, article.Status);
        Assert.Equal(NewsroomFixture.Reporter.Id, article.AuthorId);
        Assert.Equal("本报讯（记者 王磊）", article.Dateline);
        Assert.Equal("连日来，**志愿者**们活跃在街头巷尾。\n\n## 一抹抹志愿红\n\n各单位组织干部上路口。", article.Body);
        // Names from the byline line and the dateline: the known one linked, the others added to the contributors.
        Assert.Equal([(CreditRole.Reporter, "王磊"), (CreditRole.Reporter, "刘思远"), (CreditRole.Correspondent, "张晓燕")],
            article.Credits.Select(c => (c.Role, c.Name)));
        Assert.Equal(3, await check.Contributors.CountAsync(Ct));
        Assert.Contains(result.Notes!, n => n.Contains("张晓燕", StringComparison.Ordinal));

        // The picture went through the library's own upload: turned upright by its EXIF, rendered, captioned and credited.
        var photo = Assert.Single(article.Photos);
        Assert.Equal(("志愿者在路口引导行人", "王磊", "志愿者在路口引导行人"), (photo.Caption, photo.CreditText, photo.AltText));
        Assert.Equal((200, 400), (photo.Width, photo.Height));
        Assert.True(await check.MediaVariants.CountAsync(v => v.MediaId == photo.MediaId, Ct) > 1);

        var audit = await check.AuditEntries.OrderBy(a => a.Id).Select(a => a.Action).ToListAsync(Ct);
        Assert.Contains("media.upload", audit);
        Assert.Contains("contributor.create", audit);
        Assert.Contains("article.create", audit);
        Assert.Equal(DocxImportDesk.ImportAction, audit[^1]);
        Assert.Equal(1, await check.ArticleRevisions.CountAsync(r => r.ArticleId == result.ArticleId, Ct));
    }

    [Fact]
    public async Task A_correspondents_draft_carries_their_unit()
    {
        using var fixture = await NewsroomFixture.CreateAsync();
        int unitId;
        await using (var seed = fixture.Context())
        {
            var unit = new Core.Units.Unit { Slug = "rsj", Name = "市人社局", ShortName = "市人社局", UpdatedAt = DateTime.UtcNow, Version = Guid.NewGuid() };
            seed.Units.Add(unit);
            await seed.SaveChangesAsync(Ct);
            unitId = unit.Id;
        }
        var correspondent = NewsroomFixture.Correspondent with { UnitId = unitId };

        await using var db = fixture.Context();
        var result = await Desk(fixture, db).ImportAsync(Document(), null, fixture.SectionId, correspondent, Ct);

        Assert.Equal(SaveOutcome.Saved, result.Outcome);
        await using var check = fixture.Context();
        Assert.Equal([unitId], await check.ArticleUnits.Where(u => u.ArticleId == result.ArticleId && u.IsPrimary).Select(u => u.UnitId).ToListAsync(Ct));
    }

    [Fact]
    public async Task A_refused_document_or_a_refusal_after_the_pictures_were_stored_leaves_nothing()
    {
        using var fixture = await NewsroomFixture.CreateAsync();
        var before = await CountsAsync(fixture);

        await using (var db = fixture.Context())
        {
            var macro = await Desk(fixture, db).ImportAsync(new DocxBuilder().Title("宏").Paragraph("正文。").Build(DocumentFormat.OpenXml.WordprocessingDocumentType.MacroEnabledDocument),
                "a.docm", fixture.SectionId, NewsroomFixture.Reporter, Ct);
            Assert.Equal(SaveOutcome.Refused, macro.Outcome);
            Assert.Equal(DocxRefusal.MacroEnabled, macro.Refusal);
            Assert.Equal(DocxInputException.MessageFor(DocxRefusal.MacroEnabled), macro.Message);
        }
        await using (var db = fixture.Context())
        {
            var encrypted = await Desk(fixture, db).ImportAsync(DocxBuilder.EncryptedLookalike(), "b.docx", fixture.SectionId, NewsroomFixture.Reporter, Ct);
            Assert.Equal(DocxRefusal.Encrypted, encrypted.Refusal);
        }
        await using (var db = fixture.Context())
        {
            var noSection = await Desk(fixture, db).ImportAsync(Document(), "c.docx", fixture.SectionId + 99, NewsroomFixture.Reporter, Ct);
            Assert.Equal(SaveOutcome.Invalid, noSection.Outcome);
            Assert.Equal("请选择栏目。", noSection.Message);
        }
        await using (var db = fixture.Context())
        {
            // The picture is stored and a new contributor added first; then the editor's own rules refuse the
            // story (the correspondent's unit is gone), and the whole import rolls back.
            var orphan = NewsroomFixture.Correspondent with { UnitId = 424242 };
            var result = await Desk(fixture, db).ImportAsync(Document(TestImages.Encode(64, 48, SKEncodedImageFormat.Jpeg)), "d.docx", fixture.SectionId, orphan, Ct);
            Assert.Equal(SaveOutcome.Invalid, result.Outcome);
            Assert.Equal("所选单位不存在。", result.Message);
        }

        Assert.Equal(before, await CountsAsync(fixture));
    }

    [Fact]
    public async Task An_administrator_may_import_and_a_member_without_a_writing_role_may_not()
    {
        using var fixture = await NewsroomFixture.CreateAsync();
        var nobody = new NewsroomUser("u-none", "访客", new HashSet<string>());

        await using var db = fixture.Context();
        var result = await Desk(fixture, db).ImportAsync(Document(), "a.docx", fixture.SectionId, nobody, Ct);

        Assert.Equal(SaveOutcome.Forbidden, result.Outcome);
        Assert.Equal(0, await db.Articles.CountAsync(Ct));
    }
}
