using System.Text.Json;
using CivilizationNews.Core.Importing;

namespace CivilizationNews.Core.Tests.Importing;

public sealed class ImportJsonTests
{
    private static readonly ImportResult Sample = new(
        [
            new ImportedArticle("市人社局", "“零跑腿”服务跑出加速度", null, "本报讯", "记者 刘思远", "第3版",
            [
                new ImportedSection(null, ["他说:\"好\\坏\"\t𠀀"]) { ParagraphLines = [[5, 7]] },
                new ImportedSection("一、队伍", []),
            ]),
        ],
        [new ImportedPhoto("宣讲员向学生讲解", "市消防救援支队", null, "供图") { Line = 9 }],
        new ImportedByline("本版撰文", [new BylineRole("本报记者", ["赵静怡"])], "本版撰文\n本报记者 赵静怡"),
        [new ImportWarning(ImportWarningKind.Unattached, "文字", null), new ImportWarning(ImportWarningKind.ContinuedFrom, "（上接第1版）", "标题")])
    {
        SourceEncoding = "GB18030",
    };

    [Fact]
    public void WritesTheContractKeysInOrder()
    {
        using var json = JsonDocument.Parse(ImportJson.Serialize(Sample));
        var root = json.RootElement;

        Assert.Equal(["articles", "photos", "byline", "warnings"], root.EnumerateObject().Select(p => p.Name));
        var article = root.GetProperty("articles")[0];
        Assert.Equal(["kicker", "title", "subtitle", "dateline", "credit", "continues_on", "sections"], article.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["heading", "paragraphs"], article.GetProperty("sections")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["caption", "credit", "credit_role", "credit_kind"], root.GetProperty("photos")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["label", "roles", "raw"], root.GetProperty("byline").EnumerateObject().Select(p => p.Name));
        Assert.Equal(["role", "names"], root.GetProperty("byline").GetProperty("roles")[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(["kind", "text", "article"], root.GetProperty("warnings")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void ValuesRoundTripAndNullsStayNull()
    {
        using var json = JsonDocument.Parse(ImportJson.Serialize(Sample));
        var root = json.RootElement;
        var article = root.GetProperty("articles")[0];

        Assert.Equal(JsonValueKind.Null, article.GetProperty("subtitle").ValueKind);
        Assert.Equal("第3版", article.GetProperty("continues_on").GetString());
        Assert.Equal("他说:\"好\\坏\"\t𠀀", article.GetProperty("sections")[0].GetProperty("paragraphs")[0].GetString());
        Assert.Equal(JsonValueKind.Null, article.GetProperty("sections")[0].GetProperty("heading").ValueKind);
        Assert.Equal(0, article.GetProperty("sections")[1].GetProperty("paragraphs").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("photos")[0].GetProperty("credit_role").ValueKind);
        Assert.Equal("本版撰文\n本报记者 赵静怡", root.GetProperty("byline").GetProperty("raw").GetString());
        Assert.Equal(["unattached", "continued_from"], root.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("kind").GetString()));
    }

    [Fact]
    public void ChineseIsWrittenAsIsEvenOutsideTheBasicPlane()
    {
        var text = ImportJson.Serialize(Sample);

        Assert.Contains("“零跑腿”服务跑出加速度", text, StringComparison.Ordinal);
        Assert.Contains("𠀀", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", text, StringComparison.Ordinal);
        Assert.Contains("\n  \"articles\": [\n    {\n      \"kicker\": \"市人社局\",", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReviewScreenExtrasStayOutOfTheJson()
    {
        var text = ImportJson.Serialize(Sample);

        Assert.DoesNotContain("GB18030", text, StringComparison.Ordinal);
        Assert.DoesNotContain("lines", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("encoding", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void PageWithoutBylineWritesNull()
    {
        using var json = JsonDocument.Parse(ImportJson.Serialize(new ImportResult([], [], null, [])));

        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("byline").ValueKind);
        Assert.Equal(0, json.RootElement.GetProperty("articles").GetArrayLength());
    }

    [Theory]
    [InlineData(ImportWarningKind.Unattached, "unattached")]
    [InlineData(ImportWarningKind.Stitched, "stitched")]
    [InlineData(ImportWarningKind.Attached, "attached")]
    [InlineData(ImportWarningKind.Duplicate, "duplicate")]
    [InlineData(ImportWarningKind.Unreadable, "unreadable")]
    [InlineData(ImportWarningKind.ContinuedFrom, "continued_from")]
    public void WarningKindsHaveSnakeCaseNames(ImportWarningKind kind, string name) => Assert.Equal(name, ImportJson.KindName(kind));
}
