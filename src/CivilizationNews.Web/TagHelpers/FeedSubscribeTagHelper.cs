using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CivilizationNews.Web.TagHelpers;

/// <summary>
/// &lt;feed-subscribe path="/unit/szgw" label="订阅本单位报道" /&gt; writes the visible subscribe links
/// (RSS and Atom) for the feeds at {path}/rss and {path}/atom.
/// </summary>
[HtmlTargetElement("feed-subscribe", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FeedSubscribeTagHelper(HtmlEncoder encoder) : TagHelper
{
    public string Path { get; set; } = FeedPaths.Site;

    public string Label { get; set; } = "订阅";

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "feed-subscribe");
        output.Content.AppendHtml(
            $"<a href=\"{E(FeedPaths.Rss(Path))}\" type=\"{FeedPaths.RssType}\" title=\"复制此链接到 RSS 阅读器即可订阅\">{E(Label)}（RSS）</a>" +
            $"　<a href=\"{E(FeedPaths.Atom(Path))}\" type=\"{FeedPaths.AtomType}\">Atom</a>");
    }

    private string E(string value) => encoder.Encode(value);
}
