using CivilizationNews.Core.Precheck;

namespace CivilizationNews.Core.Tests.Precheck;

/// <summary>How sensitive words are found: Chinese exactly, Latin words whole and ignoring case; context for the highlight.</summary>
public sealed class PublishCheckTests
{
    [Theory]
    [InlineData("据小道消息称", "小道消息", new[] { 1 })]
    [InlineData("消息消息", "消息", new[] { 0, 2 })]
    [InlineData("AI 应用与 ai 治理", "AI", new[] { 0, 7 })]
    [InlineData("PAID 停车，MAIL", "AI", new int[0])]
    [InlineData("AI2 型号，AI", "AI", new[] { 7 })]
    [InlineData("新冠AI检测", "AI", new[] { 2 })]
    [InlineData("小道", "小道消息", new int[0])]
    public void Finds_chinese_exactly_and_latin_words_whole(string text, string word, int[] starts) =>
        Assert.Equal(starts, PublishCheck.Find(text, word).Select(m => m.Start));

    [Fact]
    public void A_snippet_keeps_twelve_characters_either_side_on_one_line()
    {
        var text = "第一段文字到这里为止。\n第二段说据小道消息称将有变化，请读者留意后续报道。";
        var (start, length) = PublishCheck.Find(text, "小道消息").Single();
        var snippet = PublishCheck.Snip(text, start, length);
        Assert.Equal("小道消息", snippet.Match);
        Assert.Equal("到这里为止。 第二段说据", snippet.Before);
        Assert.Equal("称将有变化，请读者留意后", snippet.After);
    }
}
