using System.Text;
using CivilizationNews.Core.Importing;
using CivilizationNews.Tests.Common;

namespace CivilizationNews.Core.Tests.Importing;

/// <summary>What the importer accepts as a page's text, and how it refuses anything else.</summary>
public sealed class PrintPageImporterDecodingTests
{
    private const string Page = """
        市气象局

        寒潮来袭注意防寒保暖

        本报讯（记者 林涛）受强冷空气影响,本周我市气温将下降8至10摄氏度,最低气温零下12摄

        氏度。

        　　气象部门提醒，市民要注意防寒保暖，出行注意交通安全。

        市民在公交站台候车 赵文华 摄
        """;

    private static readonly PrintPageImporter Importer = new();

    private static string Json(byte[] bytes) => ImportJson.Serialize(Importer.Import(bytes));

    [Fact]
    public void Utf8WithAndWithoutBomGb18030AndUtf16ReadTheSame()
    {
        var expected = ImportJson.Serialize(Importer.Import(Page));

        Assert.Equal(expected, Json(TestEncodings.Utf8(Page)));
        Assert.Equal(expected, Json(TestEncodings.Utf8WithBom(Page)));
        Assert.Equal(expected, Json(TestEncodings.Gb18030(Page)));
        Assert.Equal(expected, Json(TestEncodings.Gb18030(Page.Replace("\n", "\r\n", StringComparison.Ordinal))));
        Assert.Equal(expected, Json(TestEncodings.Utf16WithBom(Page)));
    }

    [Fact]
    public void TheEncodingReadIsReported()
    {
        Assert.Equal("UTF-8", Importer.Import(TestEncodings.Utf8(Page)).SourceEncoding);
        Assert.Equal("GB18030", Importer.Import(TestEncodings.Gb18030(Page)).SourceEncoding);
        Assert.Null(Importer.Import(Page).SourceEncoding);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\r\n\t")]
    [InlineData("\u3000\u3000\n\u3000\n")]
    [InlineData("\uFEFF\n\n")]
    public void EmptyPageIsRefused(string text)
    {
        AssertRefused(ImportInputReason.Empty, "文件是空的，没有可导入的内容。", () => Importer.Import(TestEncodings.Utf8(text)));
        AssertRefused(ImportInputReason.Empty, "文件是空的，没有可导入的内容。", () => Importer.Import(text));
    }

    [Fact]
    public void BinaryFilesAreRefused()
    {
        const string Message = "这不是文本文件，请上传版面的纯文本（.txt）。";
        byte[] withNul = [.. TestEncodings.Utf8("市气象局"), 0, 1, 2, .. TestEncodings.Utf8("寒潮来袭")];
        var controls = Enumerable.Range(0, 400).Select(i => (byte)(i % 3 == 0 ? 0x01 : 'a')).ToArray();
        byte[] pdf = [.. "%PDF-1.7\n"u8, .. TestEncodings.Utf8(Page)];

        AssertRefused(ImportInputReason.Binary, Message, () => Importer.Import(withNul));
        AssertRefused(ImportInputReason.Binary, Message, () => Importer.Import(controls));
        AssertRefused(ImportInputReason.Binary, Message, () => Importer.Import(pdf));
        AssertRefused(ImportInputReason.Binary, Message, () => Importer.Import("市气象局\0\0寒潮"));
    }

    [Fact]
    public void AStrayControlCharacterInAPageIsNotBinary()
    {
        var result = Importer.Import(TestEncodings.Utf8(Page.Replace("市民要注意", "市民要\u0007注意", StringComparison.Ordinal)));

        Assert.Contains(result.Warnings, w => w.Kind == ImportWarningKind.Unreadable);
    }

    [Fact]
    public void BytesValidInNeitherEncodingAreRefused()
    {
        byte[] bytes = [.. TestEncodings.Utf8("市气象局 "), 0xFF, 0xFF, 0x80, .. TestEncodings.Utf8("寒潮")];

        AssertRefused(ImportInputReason.UndecodableEncoding, "无法识别文件编码，请另存为 UTF-8 或 GB18030 后重试。", () => Importer.Import(bytes));
    }

    [Fact]
    public void Utf8BomFollowedByOtherBytesIsRefused()
    {
        byte[] bytes = [.. Encoding.UTF8.Preamble, .. TestEncodings.Gb18030("市气象局发布寒潮预警")];

        AssertRefused(ImportInputReason.UndecodableEncoding, "无法识别文件编码，请另存为 UTF-8 或 GB18030 后重试。", () => Importer.Import(bytes));
    }

    [Fact]
    public void FilesOverFiveMegabytesAreRefused()
    {
        Assert.Equal(5 * 1024 * 1024, PrintPageImporter.MaxBytes);
        var bytes = new byte[PrintPageImporter.MaxBytes + 1];
        Array.Fill(bytes, (byte)'a');

        AssertRefused(ImportInputReason.TooLarge, "文件超过 5 MB，请分版导入。", () => Importer.Import(bytes));
        AssertRefused(ImportInputReason.TooLarge, "文件超过 5 MB，请分版导入。", () => Importer.Import(new string('汉', (PrintPageImporter.MaxBytes / 3) + 1)));
    }

    [Fact]
    public void FileOfExactlyTheLimitIsAccepted()
    {
        var line = TestEncodings.Utf8("本报讯 今年以来,全市新增绿地面积18万平方米,建成口袋公园26个。\n\n");
        var bytes = new byte[PrintPageImporter.MaxBytes];
        Array.Fill(bytes, (byte)'\n');
        for (var at = 0; at + line.Length <= bytes.Length; at += line.Length)
        {
            line.CopyTo(bytes, at);
        }

        var result = Importer.Import(bytes);

        Assert.NotEmpty(result.Warnings);
    }

    private static void AssertRefused(ImportInputReason reason, string message, Action import)
    {
        var error = Assert.Throws<ImportInputException>(import);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(message, error.Message);
        Assert.Equal(message, ImportInputException.MessageFor(reason));
    }
}
