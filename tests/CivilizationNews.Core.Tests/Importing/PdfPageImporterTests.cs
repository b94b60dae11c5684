using System.Text;
using CivilizationNews.Core.Importing;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace CivilizationNews.Core.Tests.Importing;

/// <summary>
/// Reads each page PDF, the team's (shared/fixtures/print-pdfs) and the importer's own
/// (Importing/Fixtures/pdf), and has the team's scorers check the stories (score-import against
/// NAME.expected.json) and where they sit (score-layout against NAME.layout.json): both must give
/// full marks. Then the phenomena one by one, and the PDFs that must be refused.
/// </summary>
public sealed class PdfPageImporterTests
{
    private static string OwnPdfs => Path.Combine(AppContext.BaseDirectory, "Importing", "Fixtures", "pdf");

    /// <summary>Every page PDF that has both truths beside it, as "folder/name" (shared or own).</summary>
    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        foreach (var (label, folder) in new[] { ("shared", SharedFolder.Exists ? SharedFolder.PrintPdfs : null), ("own", OwnPdfs) })
        {
            if (folder is null || !Directory.Exists(folder))
            {
                continue;
            }

            foreach (var pdf in Directory.GetFiles(folder, "*.pdf").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(pdf);
                if (File.Exists(Path.Combine(folder, name + ".layout.json")) && File.Exists(Path.Combine(folder, name + ".expected.json")))
                {
                    pages.Add($"{label}/{name}");
                }
            }
        }

        return pages;
    }

    [Fact]
    public void The_page_PDFs_are_found()
    {
        Assert.True(SharedFolder.Exists, $"shared folder not found; set {SharedFolder.EnvironmentVariable}.");
        var pages = Pages().Select(p => (string)p.Data).ToList();
        Assert.True(pages.Count(p => p.StartsWith("shared/", StringComparison.Ordinal)) >= 3, "expected page-a, page-b and page-d in shared/fixtures/print-pdfs");
        Assert.Contains("own/page-e", pages);
        Assert.Contains("own/page-f", pages);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Both_scorers_give_full_marks(string page)
    {
        var folder = page.StartsWith("own/", StringComparison.Ordinal) ? OwnPdfs : SharedFolder.PrintPdfs;
        page = page[(page.IndexOf('/', StringComparison.Ordinal) + 1)..];
        var result = new PrintPageImporter().ImportPdf(File.ReadAllBytes(Path.Combine(folder, page + ".pdf")));

        var actual = Path.Combine(Path.GetTempPath(), $"cn-pdf-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(actual, ImportJson.Serialize(result), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            var stories = FixturePagesTests.RunTool(SharedFolder.Scorer, Path.Combine(folder, page + ".expected.json"), actual);
            Assert.True(stories.ExitCode == 0, $"score-import {page}: exit {stories.ExitCode}\n{stories.Output}");
            var layout = FixturePagesTests.RunTool(SharedFolder.LayoutScorer, Path.Combine(folder, page + ".layout.json"), actual);
            Assert.True(layout.ExitCode == 0, $"score-layout {page}: exit {layout.ExitCode}\n{layout.Output}");
        }
        finally
        {
            File.Delete(actual);
        }
    }

    [Fact]
    public void Page_a_gives_the_folio_the_reading_order_the_stitched_tail_and_the_feature_continuation()
    {
        var result = Import("page-a");

        Assert.Equal(new ImportedPage(990, 1416), result.Page! with { Number = null, Name = null, Date = null, Folio = null, ReadingOrder = [] });
        Assert.Equal(6, result.Page!.Number);
        Assert.Equal("专版", result.Page.Name);
        Assert.Equal(new DateOnly(2021, 12, 17), result.Page.Date);
        Assert.Equal(["汾河岸边书香浓", "“水润书香”进班组", "“杏林书苑”温暖医患", "“晨读十分钟”成习惯"], result.Articles.Select(a => a.Title));

        // A paragraph broken across two columns is one paragraph.
        var feature = result.Articles[0];
        Assert.Contains("为让书屋“活”起来,市直工委要求各单位明确专人管理,每周开放不少于5天。", feature.Sections[1].Paragraphs[2], StringComparison.Ordinal);
        // The three paragraphs printed after the sidebar end the feature's last section, with a note for the editor.
        Assert.StartsWith("——建立积分制度。", feature.Sections[^1].Paragraphs[1], StringComparison.Ordinal);
        Assert.Contains(result.Warnings, w => w.Kind == ImportWarningKind.Attached && w.Article == feature.Title);
        Assert.Equal(2, feature.Regions.Count);

        // The tail printed under the 市供水公司 photo, which repeats nothing, is stitched onto 市实验中学.
        var school = result.Articles[3];
        Assert.StartsWith("学校为每个班级配备了图书角,", school.Sections[0].Paragraphs[1], StringComparison.Ordinal);
        Assert.Equal("今年9月,学校还把晨读内容编成了校本读物《晨读365》,发到每名学生手中。", school.Sections[0].Paragraphs[^1]);
        Assert.Contains(result.Warnings, w => w.Kind == ImportWarningKind.Stitched && w.Article == school.Title);
        Assert.Equal(2, school.Regions.Count);
        Assert.True(school.Regions[1].Y > school.Regions[0].Y || school.Regions[1].X < school.Regions[0].X);

        // Every photo has its picture and caption; the byline has its box.
        Assert.All(result.Photos, p => Assert.NotNull(p.Region));
        Assert.Equal(["汾河岸边书香浓", "“水润书香”进班组"], result.Photos.Select(p => p.Story));
        Assert.Equal("本版撰文", result.Byline!.Label);
        Assert.Equal(new PageRegion(595.87, 1306.87, 163.5, 72.75), result.Byline.Region);
        Assert.DoesNotContain(result.Warnings, w => w.Kind == ImportWarningKind.Unattached);
    }

    [Fact]
    public void Page_b_keeps_the_jump_marker_in_its_block_and_the_foot_photo_with_no_story()
    {
        var result = Import("page-b");

        var brief = Assert.Single(result.Articles, a => a.Title == "“零跑腿”服务跑出加速度");
        Assert.Equal("第3版", brief.ContinuesOn);
        Assert.Single(brief.Regions);
        // Headlines printed on two lines are one headline.
        Assert.Contains(result.Articles, a => a.Title == "社区里的“银发课堂”开课了" && a.Kicker == "盐湖区");
        Assert.Equal("消防安全“流动课堂”进校园", result.Photos[0].Story);
        Assert.Null(result.Photos[1].Story);
        Assert.Equal("供图", result.Photos[1].CreditKind);
        Assert.Equal(2, result.Page!.Number);
        Assert.Equal("综合新闻", result.Page.Name);
    }

    [Fact]
    public void Page_d_story_without_kicker_and_bold_lead_ins_stay_in_their_paragraphs()
    {
        var result = Import("page-d");

        Assert.Null(result.Articles[0].Kicker);
        Assert.Equal(6, result.Articles[0].Sections[0].Paragraphs.Count);
        Assert.StartsWith("立足岗位,热情服务。志愿者们", result.Articles[1].Sections[0].Paragraphs[1], StringComparison.Ordinal);
        Assert.Equal("通讯员 张晓燕 记者 王磊", result.Articles[2].Credit);
    }

    [Fact]
    public void Page_e_an_advertisement_is_no_story_but_its_words_reach_the_editor()
    {
        var result = new PrintPageImporter().ImportPdf(File.ReadAllBytes(Path.Combine(OwnPdfs, "page-e.pdf")));

        Assert.Equal(["文明实践进社区，志愿服务暖人心", "“双减”后的课后时光", "冬季供暖全面启动"], result.Articles.Select(a => a.Title));
        Assert.DoesNotContain(result.Articles, a => a.Title.Contains("银行", StringComparison.Ordinal));
        var advertisement = Assert.Single(result.Warnings, w => w.Kind == ImportWarningKind.Unattached);
        Assert.Contains("河东农商银行", advertisement.Text, StringComparison.Ordinal);
        Assert.Contains("96555", advertisement.Text, StringComparison.Ordinal);
        // The tail below the rule opens with a comma and repeats nothing: stitched all the same.
        Assert.EndsWith("群众期盼什么就实践什么,用心用情办好群众身边的小事、难事、烦心事。", result.Articles[0].Sections[0].Paragraphs[^2], StringComparison.Ordinal);
        Assert.Equal("课后服务覆盖全区86所中小学", result.Articles[1].Subtitle);
        Assert.Equal(["一、丰富课程", "二、延时托管"], result.Articles[1].Sections.Skip(1).Select(s => s.Heading));
        Assert.Equal(("本报记者", "张华"), (result.Photos[0].CreditRole, result.Photos[0].Credit));
        Assert.Equal((3, "要闻"), (result.Page!.Number, result.Page.Name));
    }

    [Fact]
    public void The_JSON_of_a_PDF_carries_the_page_and_every_region_and_the_text_JSON_does_not()
    {
        var pdf = ImportJson.Serialize(Import("page-b"));
        Assert.StartsWith("{\n  \"page\": {\n    \"width\": 840.0,\n    \"height\": 1188.0,\n    \"number\": 2,\n    \"name\": \"综合新闻\",\n    \"date\": \"2021-11-18\"\n  },", pdf, StringComparison.Ordinal);
        Assert.Contains("\"regions\": [\n        [", pdf, StringComparison.Ordinal);
        Assert.Contains("\"region\": [", pdf, StringComparison.Ordinal);

        var text = ImportJson.Serialize(new PrintPageImporter().Import(File.ReadAllBytes(Path.Combine(SharedFolder.PrintPages, "page-b.txt"))));
        Assert.DoesNotContain("\"page\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("region", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_PDF_is_told_from_text_by_its_signature()
    {
        Assert.True(PrintPageImporter.IsPdf(File.ReadAllBytes(Path.Combine(SharedFolder.PrintPdfs, "page-a.pdf"))));
        Assert.False(PrintPageImporter.IsPdf(File.ReadAllBytes(Path.Combine(SharedFolder.PrintPages, "page-a.txt"))));
    }

    /// <summary>One assembler for both paths: a page's PDF and its copied text give the same stories.</summary>
    [Theory]
    [InlineData("page-b")]
    [InlineData("page-d")]
    public void A_page_PDF_and_its_text_give_the_same_stories(string page)
    {
        var fromPdf = Import(page);
        var fromText = new PrintPageImporter().Import(File.ReadAllBytes(Path.Combine(SharedFolder.PrintPages, page + ".txt")));

        static string Stories(ImportResult result) => ImportJson.Serialize(new ImportResult(
            result.Articles.Select(a => a with { Regions = [], SourceLines = [] }).ToList(),
            result.Photos.Select(p => p with { Region = null, Story = null, Line = 0 }).ToList(),
            result.Byline,
            []));

        Assert.Equal(Stories(fromText), Stories(fromPdf));
    }

    [Fact]
    public void A_page_of_a_multi_page_PDF_is_read_by_its_number()
    {
        var merged = PdfMerger.Merge(new[]
        {
            File.ReadAllBytes(Path.Combine(SharedFolder.PrintPdfs, "page-b.pdf")),
            File.ReadAllBytes(Path.Combine(SharedFolder.PrintPdfs, "page-d.pdf")),
        });

        Assert.Equal(2, PrintPageImporter.CountPdfPages(merged));
        var second = new PrintPageImporter().ImportPdf(merged, 2);
        Assert.Equal(4, second.Page!.Number);
        Assert.Equal(Import("page-d").Articles.Select(a => a.Title), second.Articles.Select(a => a.Title));
    }

    [Theory]
    [InlineData("encrypted-password.pdf")]
    [InlineData("encrypted-no-password.pdf")]
    public void Encrypted_PDFs_are_refused(string file)
    {
        var bytes = File.ReadAllBytes(Path.Combine(OwnPdfs, file));

        var error = Assert.Throws<ImportInputException>(() => new PrintPageImporter().ImportPdf(bytes));

        Assert.Equal(ImportInputReason.PdfEncrypted, error.Reason);
        Assert.Contains("已加密", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_PDFs_are_refused()
    {
        var page = File.ReadAllBytes(Path.Combine(SharedFolder.PrintPdfs, "page-a.pdf"));
        var broken = new[]
        {
            page[..4096],
            Encoding.ASCII.GetBytes("%PDF-1.7\nthis is not a PDF at all\n%%EOF\n"),
            Encoding.UTF8.GetBytes("汾河岸边书香浓\n一年来,市直机关各单位把读书学习当作提升干部素质的基础工程来抓。\n"),
        };

        foreach (var bytes in broken)
        {
            var error = Assert.Throws<ImportInputException>(() => new PrintPageImporter().ImportPdf(bytes));
            Assert.True(error.Reason is ImportInputReason.PdfBroken or ImportInputReason.PdfNoText, $"{error.Reason}: {error.Message}");
            Assert.Contains("PDF", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_page_without_a_text_layer_is_refused()
    {
        var builder = new PdfDocumentBuilder();
        builder.AddPage(595, 842).DrawRectangle(new PdfPoint(50, 50), 400, 600, 2, fill: true);
        var scan = builder.Build();

        var error = Assert.Throws<ImportInputException>(() => new PrintPageImporter().ImportPdf(scan));

        Assert.Equal(ImportInputReason.PdfNoText, error.Reason);
        Assert.Contains("没有文字层", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_200_pages_or_50_MB_or_a_missing_page_is_refused()
    {
        var builder = new PdfDocumentBuilder();
        for (var i = 0; i <= PrintPageImporter.MaxPdfPages; i++)
        {
            builder.AddPage(100, 100);
        }

        var tooMany = Assert.Throws<ImportInputException>(() => PrintPageImporter.CountPdfPages(builder.Build()));
        Assert.Equal(ImportInputReason.PdfTooManyPages, tooMany.Reason);
        Assert.Contains("200 页", tooMany.Message, StringComparison.Ordinal);

        var huge = new byte[PrintPageImporter.MaxPdfBytes + 1];
        "%PDF-1.7\n"u8.CopyTo(huge);
        var tooLarge = Assert.Throws<ImportInputException>(() => new PrintPageImporter().ImportPdf(huge));
        Assert.Equal(ImportInputReason.PdfTooLarge, tooLarge.Reason);
        Assert.Contains("50 MB", tooLarge.Message, StringComparison.Ordinal);

        var page = File.ReadAllBytes(Path.Combine(SharedFolder.PrintPdfs, "page-a.pdf"));
        Assert.Equal(1, PrintPageImporter.CountPdfPages(page));
        var missing = Assert.Throws<ImportInputException>(() => new PrintPageImporter().ImportPdf(page, 2));
        Assert.Equal(ImportInputReason.PdfNoSuchPage, missing.Reason);
    }

    /// <summary>
    /// Glyphs scattered at random make every cut peel off a few: the cuts would nest as deep as there are
    /// glyphs. The reader stops nesting (reading the rest line by line) and answers; it does not overflow its stack.
    /// </summary>
    [Fact]
    public void Scattered_glyphs_are_read_without_unbounded_nesting()
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
        var page = builder.AddPage(990, 1416);
        var random = new Random(14);
        for (var i = 0; i < 4000; i++)
        {
            page.AddText(((char)('a' + random.Next(26))).ToString(), 4 + random.Next(30), new PdfPoint(random.Next(20, 960), random.Next(20, 1390)), font);
        }

        var result = new PrintPageImporter().ImportPdf(builder.Build());

        // Nothing is lost: every glyph is in a headline, heading, paragraph, caption or warning.
        var text = string.Concat(result.Articles
            .SelectMany(a => new[] { a.Kicker, a.Title, a.Subtitle, a.Dateline, a.Credit }
                .Concat(a.Sections.SelectMany(s => s.Paragraphs.Prepend(s.Heading))))
            .Concat(result.Photos.Select(p => p.Caption + p.Credit))
            .Concat(result.Warnings.Select(w => w.Text)));
        Assert.Equal(4000, text.Count(char.IsAsciiLetterLower));
    }

    private static ImportResult Import(string page) =>
        new PrintPageImporter().ImportPdf(File.ReadAllBytes(Path.Combine(SharedFolder.PrintPdfs, page + ".pdf")));
}
