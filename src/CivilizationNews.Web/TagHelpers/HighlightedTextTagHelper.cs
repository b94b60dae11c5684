using CivilizationNews.Core.Search;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CivilizationNews.Web.TagHelpers;

/// <summary>
/// &lt;highlighted-text value="…" /&gt; writes a search headline or snippet: each run HTML-encoded,
/// the query's words in &lt;mark&gt;, with nothing between the runs (no stray spaces in Chinese text).
/// </summary>
[HtmlTargetElement("highlighted-text", TagStructure = TagStructure.WithoutEndTag)]
public sealed class HighlightedTextTagHelper : TagHelper
{
    public HighlightedText? Value { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = null;
        if (Value is null)
        {
            return;
        }
        foreach (var run in Value.Runs)
        {
            if (run.IsMatch)
            {
                output.Content.AppendHtml("<mark>").Append(run.Text).AppendHtml("</mark>");
            }
            else
            {
                output.Content.Append(run.Text);
            }
        }
    }
}
