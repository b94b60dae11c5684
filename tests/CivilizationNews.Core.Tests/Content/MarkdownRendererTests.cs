using AngleSharp.Html.Parser;
using CivilizationNews.Core.Content;

namespace CivilizationNews.Core.Tests.Content;

public sealed class MarkdownRendererTests
{
    private readonly MarkdownRenderer _renderer = new();

    public static TheoryData<string> HostileCorpus => new()
    {
        "<script>alert(1)</script>",
        "正文<script src=\"https://evil.example/x.js\"></script>",
        "<img src=x onerror=alert(1)>",
        "<div onclick=\"alert(1)\">点我</div>",
        "<a href=\"javascript:alert(1)\">链接</a>",
        "[点我](javascript:alert(1))",
        "[点我](JaVaScRiPt:alert(1))",
        "[点我](vbscript:msgbox(1))",
        "[点我](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![图](javascript:alert(1))",
        "![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<javascript:alert(1)>",
        "<vbscript:msgbox(1)>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<svg onload=alert(1)>",
        "<style>body{display:none}</style>",
        "<!-- comment --><object data=x></object>",
        "# 标题 {onclick=alert(1)}",
        "段落 {#id .class onmouseover=alert(1)}",
        "[链接](https://example.cn){onclick=alert(1)}",
        "<p style=\"background:url(javascript:alert(1))\">x</p>",
        "<form action=\"https://evil.example\"><input name=a></form>",
        "[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    };

    [Theory]
    [MemberData(nameof(HostileCorpus))]
    public void Hostile_input_is_neutralized(string markdown)
    {
        var html = _renderer.Render(markdown, "本报讯").Value;
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");

        var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "p", "br", "h2", "h3", "h4", "strong", "em", "del", "blockquote", "ul", "ol", "li", "a", "code", "pre", "hr",
            "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "html", "head", "body",
        };
        foreach (var element in document.All)
        {
            Assert.Contains(element.LocalName, allowed);
            foreach (var attribute in element.Attributes)
            {
                Assert.DoesNotContain("on", attribute.Name[..Math.Min(2, attribute.Name.Length)], StringComparison.OrdinalIgnoreCase);
                Assert.Contains(attribute.Name, new[] { "href", "title", "class", "rel", "align" });
            }
            Assert.DoesNotContain(element.Attributes, a => a.Value.Contains("script:", StringComparison.OrdinalIgnoreCase)
                || a.Value.Contains("data:", StringComparison.OrdinalIgnoreCase));
            if (element.GetAttribute("href") is { } href)
            {
                Assert.Matches("^(https?:|mailto:)", href);
            }
            if (element.GetAttribute("class") is { } cls)
            {
                Assert.Equal("dateline", cls);
            }
        }
        // Hostile markup may survive only as visible text, never as markup.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Raw_html_is_shown_as_text_not_dropped()
    {
        var html = _renderer.Render("请看<b>这里</b>").Value;
        Assert.Contains("&lt;b&gt;这里&lt;/b&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Safe_links_survive_with_noopener()
    {
        var html = _renderer.Render("[市政府网站](https://www.example.gov.cn/) 与 [来信](mailto:news@example.cn)").Value;
        Assert.Contains("href=\"https://www.example.gov.cn/\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"noopener nofollow\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"mailto:news@example.cn\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Dateline_is_bold_at_the_start_of_the_first_paragraph()
    {
        var html = _renderer.Render("今年以来，市直机关……\n\n第二段。", "本报讯（记者 刘思远）").Value;
        Assert.StartsWith("<p><strong class=\"dateline\">本报讯（记者 刘思远）</strong>　今年以来", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("<p>").Length - 1);
    }

    [Fact]
    public void Dateline_text_is_encoded()
    {
        var html = _renderer.Render("正文", "本报讯<script>alert(1)</script>").Value;
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("本报讯", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Print_conventions_render_as_subheads_and_bold_lead_ins()
    {
        var html = _renderer.Render("## 一抹抹志愿红\n\n——**红在党建引领。**市直工委……\n\n**领导重视，率先垂范。**各单位……").Value;
        Assert.Contains("<h2>一抹抹志愿红</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<p>——<strong>红在党建引领。</strong>市直工委……</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p><strong>领导重视，率先垂范。</strong>各单位……</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_body_that_opens_with_a_subhead_gets_the_dateline_in_its_own_paragraph()
    {
        var html = _renderer.Render("## 小标题\n\n正文。", "本报讯").Value;
        Assert.StartsWith("<p><strong class=\"dateline\">本报讯</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>小标题</h2>", html, StringComparison.Ordinal);
    }
}
