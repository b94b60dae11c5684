using System.Text.Json.Nodes;
using CivilizationNews.Core.Importing;

namespace CivilizationNews.Core.Tests.Importing;

/// <summary>The review screen posts the proposal back as JSON; reading it must keep every field and refuse what does not fit.</summary>
public sealed class ImportProposalTests
{
    private static readonly PrintPageImporter Importer = new();

    private const string Page = "市人社局 “零跑腿”服务跑出加速度\n\n本报讯（记者 刘思远）今年以来，市人社局推出“零跑腿”服务。\n\n截至10月底，该局办理业务1.2万件。\n";

    private static JsonNode Proposal() => JsonNode.Parse(ImportJson.Serialize(Importer.Import(Page)))!;

    [Theory]
    [MemberData(nameof(FixturePagesTests.Pages), MemberType = typeof(FixturePagesTests))]
    public void A_fixture_page_reads_back_to_the_same_JSON(string page)
    {
        var json = ImportJson.Serialize(Importer.Import(File.ReadAllBytes(FixturePagesTests.SourceOf(page))));

        Assert.Equal(json, ImportJson.Serialize(ImportProposal.Parse(json)));
    }

    [Theory]
    [InlineData("page-a")]
    [InlineData("page-b")]
    [InlineData("page-d")]
    public void A_page_PDF_reads_back_to_the_same_JSON_with_its_page_and_regions(string page)
    {
        var json = ImportJson.Serialize(Importer.ImportPdf(File.ReadAllBytes(Path.Combine(SharedFolder.PrintPdfs, page + ".pdf"))));

        var read = ImportProposal.Parse(json);

        Assert.Equal(json, ImportJson.Serialize(read));
        Assert.NotNull(read.Page);
        Assert.All(read.Articles, a => Assert.NotEmpty(a.Regions));
    }

    [Theory]
    [InlineData("[0, 0, 0, 10]")]
    [InlineData("[-50, 0, 10, 10]")]
    [InlineData("[835, 0, 10, 10]")]
    [InlineData("[0, 0, 10]")]
    [InlineData("[0, \"0\", 10, 10]")]
    public void A_region_that_is_not_on_the_page_is_refused(string region)
    {
        var node = JsonNode.Parse(ImportJson.Serialize(Importer.ImportPdf(File.ReadAllBytes(Path.Combine(SharedFolder.PrintPdfs, "page-b.pdf")))))!;
        node["articles"]![0]!["regions"] = new JsonArray(JsonNode.Parse(region));

        var ex = Assert.Throws<ImportProposalException>(() => ImportProposal.Parse(node.ToJsonString()));

        Assert.Contains("导入数据已损坏", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compact_JSON_with_extra_keys_is_read()
    {
        var node = Proposal();
        node["articles"]![0]!["unit"] = 12;

        var result = ImportProposal.Parse(node.ToJsonString());

        Assert.Equal("“零跑腿”服务跑出加速度", result.Articles[0].Title);
        Assert.Equal("记者 刘思远", result.Articles[0].Credit);
        Assert.Equal(2, result.Articles[0].Sections[0].Paragraphs.Count);
    }

    public static TheoryData<string, string> Refusals() => new()
    {
        { "untitled", "第 1 篇稿件还没有标题" },
        { "long-title", "第 1 篇稿件的标题太长" },
        { "no-text", "没有正文" },
        { "no-articles", "至少要保留一篇稿件" },
        { "broken", "导入数据已损坏" },
        { "not-an-object", "导入数据已损坏" },
        { "unknown-warning", "导入数据已损坏" },
        { "number-title", "导入数据已损坏" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void What_does_not_fit_is_refused_in_Chinese(string change, string message)
    {
        var node = Proposal();
        var article = node["articles"]![0]!;
        var json = change switch
        {
            "untitled" => Set(article, "title", " "),
            "long-title" => Set(article, "title", new string('长', ImportProposal.TitleMaxLength + 1)),
            "no-text" => Set(article, "sections", new JsonArray()),
            "no-articles" => Set(node, "articles", new JsonArray()),
            "broken" => node.ToJsonString()[..30],
            "not-an-object" => "[1, 2]",
            "unknown-warning" => Set(node, "warnings", new JsonArray(new JsonObject { ["kind"] = "lost", ["text"] = "x" })),
            "number-title" => Set(article, "title", 5),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };

        var ex = Assert.Throws<ImportProposalException>(() => ImportProposal.Parse(json));
        Assert.Contains(message, ex.Message, StringComparison.Ordinal);

        string Set(JsonNode target, string key, JsonNode? value)
        {
            target[key] = value;
            return node.ToJsonString();
        }
    }
}
