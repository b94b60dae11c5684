using System.Text.Json;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Importing;
using CivilizationNews.Core.Importing.Docx;
using CivilizationNews.Tests.Common;
using DocumentFormat.OpenXml;
using SkiaSharp;

namespace CivilizationNews.Core.Tests.Importing.Docx;

/// <summary>Word documents written with the Open XML SDK, read into one draft story; and the files refused.</summary>
public sealed class DocxReaderTests
{
    private static readonly MarkdownRenderer Renderer = new();

    /// <summary>A correspondent's story as filed: kicker, title, subtitle, byline, indented paragraphs, subheads, empty lines.</summary>
    private static DocxBuilder Story() => new DocxBuilder()
        .Paragraph("市人社局")
        .Title("“零跑腿”服务跑出加速度")
        .Paragraph("——市人社局优化营商环境纪实")
        .Paragraph("本报记者 刘思远　通讯员 张晓燕")
        .Empty()
        .Runs(("　　本报讯 今年以来，", false), ("市人社局", true), ("把“放管服”改革作为一号工程。", false))
        .Empty()
        .Empty()
        .Heading("一、数据多跑路", 2)
        .Runs(("　　", false), ("领导重视，率先垂范。", true), ("局党组把服务窗口作为主阵地。", false))
        .Runs(("服务清单", true))
        .Paragraph("　　“零跑腿”事项已达126项。");

    [Fact]
    public void Title_kicker_subtitle_byline_dateline_and_subheads_are_read_in_the_house_conventions()
    {
        var story = DocxReader.Read(Story().Build());
        var article = Assert.Single(story.Result.Articles);

        Assert.Equal("市人社局", article.Kicker);
        Assert.Equal("“零跑腿”服务跑出加速度", article.Title);
        Assert.Equal("市人社局优化营商环境纪实", article.Subtitle);
        Assert.Equal("本报讯", article.Dateline);
        Assert.Equal("本报记者 刘思远　通讯员 张晓燕", article.Credit);

        Assert.Equal(3, article.Sections.Count);
        Assert.Null(article.Sections[0].Heading);
        // The dateline left the lead; the indent is gone; bold is kept as Markdown.
        Assert.Equal(["今年以来，**市人社局**把“放管服”改革作为一号工程。"], article.Sections[0].Paragraphs);
        Assert.Equal("一、数据多跑路", article.Sections[1].Heading);
        Assert.Equal(["**领导重视，率先垂范。**局党组把服务窗口作为主阵地。"], article.Sections[1].Paragraphs);
        // A short all-bold line is a subhead, as the paper sets it.
        Assert.Equal("服务清单", article.Sections[2].Heading);
        Assert.Equal(["“零跑腿”事项已达126项。"], article.Sections[2].Paragraphs);

        var html = Renderer.Render(DraftCreator.ToMarkdown(article), article.Dateline).Value;
        Assert.Contains("<h2>一、数据多跑路</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>领导重视，率先垂范。</strong>局党组", html, StringComparison.Ordinal);
        // The indents are gone from the body (the renderer sets its own space after the dateline).
        Assert.DoesNotContain("　", DraftCreator.ToMarkdown(article), StringComparison.Ordinal);
        Assert.Empty(story.Result.Warnings);
    }

    [Fact]
    public void Without_a_heading_the_first_line_is_the_title_and_a_bracketed_credit_at_the_foot_is_the_byline()
    {
        var story = DocxReader.Read(new DocxBuilder()
            .Paragraph("　　寒潮来袭注意防寒保暖")
            .Paragraph("　　本报讯（通讯员 张晓燕 记者 王磊）受强冷空气影响，本周我市气温将下降8至10摄氏度。")
            .LineBreak("气象部门提醒，市民要注意防寒保暖。", "出行注意交通安全。")
            .Paragraph("（记者 林涛）")
            .Build());
        var article = story.Article;

        Assert.Null(article.Kicker);
        Assert.Equal("寒潮来袭注意防寒保暖", article.Title);
        Assert.Equal("本报讯", article.Dateline);
        Assert.Equal("通讯员 张晓燕 记者 王磊 记者 林涛", article.Credit);
        Assert.Equal(
            ["受强冷空气影响，本周我市气温将下降8至10摄氏度。", "气象部门提醒，市民要注意防寒保暖。", "出行注意交通安全。"],
            Assert.Single(article.Sections).Paragraphs);
    }

    [Fact]
    public void Lists_links_and_tables_are_kept_as_Markdown_that_renders_as_they_were()
    {
        var story = DocxReader.Read(new DocxBuilder()
            .Heading("便民服务再升级", 1)
            .Paragraph("推出三项举措：")
            .Bullets("线上办理", "就近办理")
            .Numbered("提交材料", "窗口受理")
            .ListItems(2, ("第一步", 0), ("先登录", 1), ("第二步", 0))
            .Link("详见", "市人社局网站", "https://rsj.example.cn/notice?id=1", "。")
            .Table(["项目", "办理时限"], ["社保卡补办", "即时办结"], ["失业登记", "1个工作日|当天"])
            .Paragraph("网址中的*号与_下划线_照原样保留。")
            .Build());
        var paragraphs = Assert.Single(story.Article.Sections).Paragraphs;

        Assert.Equal("便民服务再升级", story.Article.Title);
        Assert.Equal("推出三项举措：", paragraphs[0]);
        Assert.Equal("- 线上办理\n- 就近办理", paragraphs[1]);
        // One numbering definition: the second list continues it, nested items count on their own.
        Assert.Equal("1. 提交材料\n2. 窗口受理\n3. 第一步\n   1. 先登录\n4. 第二步", paragraphs[2]);
        Assert.Equal("详见[市人社局网站](https://rsj.example.cn/notice?id=1)。", paragraphs[3]);
        Assert.Equal("| 项目 | 办理时限 |\n| --- | --- |\n| 社保卡补办 | 即时办结 |\n| 失业登记 | 1个工作日\\|当天 |", paragraphs[4]);

        var html = Renderer.Render(DraftCreator.ToMarkdown(story.Article)).Value;
        Assert.Contains("<ul>", html, StringComparison.Ordinal);
        Assert.Contains("<ol>", html, StringComparison.Ordinal);
        Assert.Contains("<li>窗口受理</li>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://rsj.example.cn/notice?id=1\"", html, StringComparison.Ordinal);
        Assert.Contains("<th>办理时限</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td>1个工作日|当天</td>", html, StringComparison.Ordinal);
        Assert.Contains("网址中的*号与_下划线_照原样保留。", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<em>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Pictures_come_with_their_captions_and_credits_and_a_format_the_library_cannot_take_is_a_warning()
    {
        var jpeg = TestImages.Encode(640, 480, SKEncodedImageFormat.Jpeg);
        var png = TestImages.Encode(320, 240, SKEncodedImageFormat.Png);
        var story = DocxReader.Read(new DocxBuilder()
            .Title("志愿红点亮城市文明")
            .Paragraph("　　本报讯 连日来，志愿者们活跃在街头巷尾。")
            .Image(jpeg, "image/jpeg", alt: "志愿者在路口引导行人过马路")
            .Paragraph("志愿者在路口引导行人过马路　　本报记者　王磊　摄")
            .Image(png, "image/png")
            .Caption("市民在河东书房阅读")
            .Image([1, 2, 3, 4], "image/x-emf")
            .Image(jpeg, "image/jpeg", textAfter: "图为社区志愿服务站（市文明办供图）")
            .Paragraph("　　志愿服务已成为城市的一道风景。")
            .Build());

        Assert.Equal(4, story.Images.Count);
        Assert.Equal(4, story.Result.Photos.Count);
        Assert.Equal(jpeg, story.Images[0].Data);
        Assert.Equal("image/jpeg", story.Images[0].ContentType);
        Assert.Equal("志愿者在路口引导行人过马路", story.Images[0].AltText);
        Assert.Equal(png, story.Images[1].Data);

        var first = story.Result.Photos[0];
        Assert.Equal(("志愿者在路口引导行人过马路", "王磊", "本报记者", "摄"), (first.Caption, first.Credit, first.CreditRole, first.CreditKind));
        Assert.Equal(("市民在河东书房阅读", ""), (story.Result.Photos[1].Caption, story.Result.Photos[1].Credit));
        Assert.Null(story.Images[2].Data);
        Assert.Equal("", story.Result.Photos[2].Caption);
        // A caption beside the picture in its own paragraph names its supplier.
        Assert.Equal(("图为社区志愿服务站", "市文明办", "供图"), (story.Result.Photos[3].Caption, story.Result.Photos[3].Credit, story.Result.Photos[3].CreditKind));

        var warning = Assert.Single(story.Result.Warnings);
        Assert.Equal(ImportWarningKind.Unreadable, warning.Kind);
        Assert.Contains("未能导入的图片", warning.Text, StringComparison.Ordinal);
        Assert.Contains("EMF", warning.Text, StringComparison.Ordinal);

        // Captions are not body text.
        Assert.Equal(["连日来，志愿者们活跃在街头巷尾。", "志愿服务已成为城市的一道风景。"], Assert.Single(story.Article.Sections).Paragraphs);
    }

    [Fact]
    public void Pictures_past_the_limit_are_listed_not_read()
    {
        var picture = TestImages.Encode(16, 12, SKEncodedImageFormat.Jpeg);
        var builder = new DocxBuilder().Title("图片很多的稿件").Paragraph("正文。");
        for (var i = 0; i <= DocxReader.MaxImages; i++)
        {
            builder.Image(picture, "image/jpeg");
        }

        var story = DocxReader.Read(builder.Build());

        Assert.Equal(DocxReader.MaxImages + 1, story.Images.Count);
        Assert.All(story.Images.Take(DocxReader.MaxImages), i => Assert.NotNull(i.Data));
        Assert.Null(story.Images[^1].Data);
        Assert.Contains("最多导入 60 张图片", Assert.Single(story.Result.Warnings).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_dry_run_JSON_is_the_import_contract_with_one_article()
    {
        var story = DocxReader.Read(Story().Image(TestImages.Encode(64, 48, SKEncodedImageFormat.Jpeg), "image/jpeg").Caption("窗口工作人员为群众办理业务 赵文华 摄").Build());
        using var json = JsonDocument.Parse(ImportJson.Serialize(story.Result));
        var root = json.RootElement;

        Assert.Equal(["articles", "photos", "byline", "warnings"], root.EnumerateObject().Select(p => p.Name));
        var article = Assert.Single(root.GetProperty("articles").EnumerateArray().ToList());
        Assert.Equal("“零跑腿”服务跑出加速度", article.GetProperty("title").GetString());
        Assert.Equal("本报记者 刘思远　通讯员 张晓燕", article.GetProperty("credit").GetString());
        Assert.Equal("赵文华", root.GetProperty("photos")[0].GetProperty("credit").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("byline").ValueKind);
    }

    [Fact]
    public void A_page_byline_block_is_read_with_the_text_importers_parser()
    {
        var story = DocxReader.Read(new DocxBuilder()
            .Title("文明实践进社区")
            .Paragraph("社区志愿者每周开展活动。")
            .Paragraph("本版撰文")
            .Paragraph("本报记者 赵静怡 孙海涛")
            .Paragraph("通讯员 李晓红")
            .Build());

        var byline = story.Result.Byline!;
        Assert.Equal("本版撰文", byline.Label);
        Assert.Equal([("本报记者", "赵静怡 孙海涛"), ("通讯员", "李晓红")], byline.Roles.Select(r => (r.Role, string.Join(" ", r.Names))));
        Assert.Equal(["社区志愿者每周开展活动。"], Assert.Single(story.Article.Sections).Paragraphs);
    }

    public static TheoryData<string, DocxRefusal> Refused => new()
    {
        { "empty", DocxRefusal.Empty },
        { "text", DocxRefusal.Broken },
        { "truncated", DocxRefusal.Broken },
        { "zip-not-word", DocxRefusal.Broken },
        { "encrypted", DocxRefusal.Encrypted },
        { "doc", DocxRefusal.LegacyDoc },
        { "docm", DocxRefusal.MacroEnabled },
        { "dotm", DocxRefusal.MacroEnabled },
        { "oversize", DocxRefusal.TooLarge },
        { "no-text", DocxRefusal.NoText },
        { "pictures-only", DocxRefusal.NoText },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void What_is_not_a_plain_docx_is_refused_with_a_Chinese_message(string kind, DocxRefusal expected)
    {
        var story = Story().Build();
        var bytes = kind switch
        {
            "empty" => [],
            "text" => System.Text.Encoding.UTF8.GetBytes("这不是 Word 文档"),
            "truncated" => story[..(story.Length / 2)],
            "zip-not-word" => ZipOf("readme.txt", "hello"),
            "encrypted" => DocxBuilder.EncryptedLookalike(),
            "doc" => DocxBuilder.LegacyDocLookalike(),
            "docm" => Story().Build(WordprocessingDocumentType.MacroEnabledDocument),
            "dotm" => Story().Build(WordprocessingDocumentType.MacroEnabledTemplate),
            "oversize" => [.. story, .. new byte[DocxReader.MaxBytes]],
            "no-text" => new DocxBuilder().Empty().Paragraph("　　").Build(),
            "pictures-only" => new DocxBuilder().Image(TestImages.Encode(64, 48, SKEncodedImageFormat.Jpeg), "image/jpeg").Caption("只有一张图片").Build(),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var refused = Assert.Throws<DocxInputException>(() => DocxReader.Read(bytes));

        Assert.Equal(expected, refused.Refusal);
        Assert.Equal(DocxInputException.MessageFor(expected), refused.Message);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", refused.Message);
    }

    private static byte[] ZipOf(string name, string content)
    {
        using var stream = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry(name).Open());
            writer.Write(content);
        }
        return stream.ToArray();
    }
}
