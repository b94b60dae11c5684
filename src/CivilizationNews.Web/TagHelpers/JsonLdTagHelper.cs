using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace CivilizationNews.Web.TagHelpers;

/// <summary>
/// &lt;json-ld data="…" /&gt; writes a schema.org JSON-LD script. The data is serialized by
/// System.Text.Json, never assembled from strings, and its encoder escapes &lt;, &gt; and &amp; as
/// \u003C…, so text such as "&lt;/script&gt;" in a headline cannot end the script element.
/// Chinese stays readable (not \u-escaped).
/// </summary>
[HtmlTargetElement("json-ld", TagStructure = TagStructure.WithoutEndTag)]
public sealed class JsonLdTagHelper : TagHelper
{
    // JavaScriptEncoder.Create always escapes HTML-sensitive characters; only UnsafeRelaxedJsonEscaping does not.
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public JsonNode? Data { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Data is null)
        {
            output.SuppressOutput();
            return;
        }
        output.TagName = "script";
        output.TagMode = TagMode.StartTagAndEndTag;
        // Written as is: the default attribute encoding would turn the + into &#x2B;.
        output.Attributes.SetAttribute(new TagHelperAttribute("type", new HtmlString("application/ld+json")));
        output.Content.SetHtmlContent(Serialize(Data));
    }

    public static string Serialize(JsonNode data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.ToJsonString(Options);
    }
}
