using CivilizationNews.Core.Search;

namespace CivilizationNews.Core.Tests.Search;

public sealed class HighlighterTests
{
    [Fact]
    public void Adjacent_words_merge_into_one_mark_and_the_text_is_unchanged()
    {
        var text = Highlighter.Mark("在河东书房读书", ["河东", "书房"]);
        Assert.Equal("在<mark>河东书房</mark>读书", text.ToHtml());
        Assert.Equal("在河东书房读书", text.PlainText);
    }

    [Fact]
    public void Latin_words_match_in_any_case_and_everything_is_encoded()
    {
        var text = Highlighter.Mark("<b>5G</b> & 5g 基站", ["5g"]);
        Assert.Equal("&lt;b&gt;<mark>5G</mark>&lt;/b&gt; &amp; <mark>5g</mark> 基站", text.ToHtml());
    }

    [Fact]
    public void A_snippet_opens_near_the_densest_matches_and_marks_the_cuts()
    {
        var body = string.Concat(Enumerable.Repeat("这是与查询无关的一段文字。", 20)) + "河东书房新开三家，志愿者在书房服务。" + string.Concat(Enumerable.Repeat("后面还有很长的文字。", 20));
        var snippet = Highlighter.Snippet(body, ["书房", "志愿者"], 60)!;
        Assert.StartsWith("…", snippet.PlainText, StringComparison.Ordinal);
        Assert.EndsWith("…", snippet.PlainText, StringComparison.Ordinal);
        Assert.Contains("河东<mark>书房</mark>新开三家，<mark>志愿者</mark>在<mark>书房</mark>服务。", snippet.ToHtml(), StringComparison.Ordinal);
        Assert.True(snippet.PlainText.Length <= 62);
    }

    [Fact]
    public void Paragraph_breaks_add_no_space_between_chinese_sentences()
    {
        var snippet = Highlighter.Snippet("第一段结束。\n第二段提到书房。", ["书房"])!;
        Assert.Equal("第一段结束。第二段提到<mark>书房</mark>。", snippet.ToHtml());
    }

    [Fact]
    public void No_match_gives_no_snippet()
    {
        Assert.Null(Highlighter.Snippet("没有要找的词。", ["书房"]));
        Assert.Equal("开头…", Highlighter.Lead("开头的文字很长", 2).PlainText);
    }
}
