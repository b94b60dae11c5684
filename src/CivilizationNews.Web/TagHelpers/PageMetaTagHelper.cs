using System.Text.Encodings.Web;
using CivilizationNews.Web.Infrastructure;
using CivilizationNews.Web.Models;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.Options;

namespace CivilizationNews.Web.TagHelpers;

/// <summary>
/// &lt;page-meta /&gt; writes the page's title, description, canonical link and Open Graph tags
/// from the <see cref="PageMeta"/> its controller set. All values are HTML-encoded.
/// </summary>
[HtmlTargetElement("page-meta", TagStructure = TagStructure.WithoutEndTag)]
public sealed class PageMetaTagHelper(IOptions<SiteOptions> site, PublicUrls urls, HtmlEncoder encoder) : TagHelper
{
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.TagName = null;
        var meta = ViewContext.ViewData[PageMeta.Key] as PageMeta ?? new PageMeta(site.Value.Name);
        var siteName = site.Value.Name;
        var title = meta.Title == siteName ? siteName : $"{meta.Title} - {siteName}";
        var origin = urls.Origin(ViewContext.HttpContext.Request);

        var html = output.Content;
        html.AppendHtml($"<title>{E(title)}</title>\n");
        if (!string.IsNullOrWhiteSpace(meta.Description))
        {
            html.AppendHtml($"<meta name=\"description\" content=\"{E(meta.Description)}\">\n");
            html.AppendHtml($"<meta property=\"og:description\" content=\"{E(meta.Description)}\">\n");
        }
        html.AppendHtml($"<meta property=\"og:title\" content=\"{E(meta.Title)}\">\n");
        html.AppendHtml($"<meta property=\"og:site_name\" content=\"{E(siteName)}\">\n");
        html.AppendHtml($"<meta property=\"og:type\" content=\"{E(meta.Type)}\">\n");
        html.AppendHtml("<meta property=\"og:locale\" content=\"zh_CN\">\n");
        if (meta.CanonicalPath is { } path)
        {
            html.AppendHtml($"<link rel=\"canonical\" href=\"{E(origin + path)}\">\n");
            html.AppendHtml($"<meta property=\"og:url\" content=\"{E(origin + path)}\">\n");
        }
        if (meta.ImagePath is { } image)
        {
            html.AppendHtml($"<meta property=\"og:image\" content=\"{E(origin + image)}\">\n");
        }
    }

    private string E(string value) => encoder.Encode(value);
}
