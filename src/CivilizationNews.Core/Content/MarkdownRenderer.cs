using Ganss.Xss;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CivilizationNews.Core.Content;

/// <summary>
/// The one Markdown renderer: the public pages, the feature page and the admin preview all use it.
/// Markdig runs with an explicit extension list and raw HTML disabled; its output then goes through
/// HtmlSanitizer, which allows only a small tag set and the http, https and mailto schemes.
/// </summary>
public sealed class MarkdownRenderer
{
    private readonly MarkdownPipeline _pipeline;
    private readonly HtmlSanitizer _sanitizer;

    public MarkdownRenderer()
    {
        _pipeline = new MarkdownPipelineBuilder()
            .DisableHtml()
            // Chinese bold lead-ins end in 。 followed by more text (**领导重视。**各单位…): CommonMark alone
            // would not close that emphasis; the CJK-friendly rules do.
            .UseCjkFriendlyEmphasis()
            .UsePipeTables()
            .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
            .Build();

        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
            {
                "p", "br", "h2", "h3", "h4", "strong", "em", "del", "blockquote", "ul", "ol", "li",
                "a", "code", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
            },
            AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "class", "align" },
            AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
            UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
            AllowedClasses = new HashSet<string>(StringComparer.Ordinal) { "dateline" },
            AllowedCssProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase),
        };
        _sanitizer = new HtmlSanitizer(options);
        // Links in stories open normally but never pass the reader's session to another site's opener.
        _sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } link && link.GetAttribute("href") is { } href
                && (href.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https:", StringComparison.OrdinalIgnoreCase)))
            {
                link.SetAttribute("rel", "noopener nofollow");
            }
        };
        _sanitizer.AllowedAttributes.Add("rel");
    }

    /// <summary>Renders a story body; the dateline (本报讯…) is set bold at the start of the first paragraph.</summary>
    public SafeHtml Render(string? markdown, string? dateline = null)
    {
        if (string.IsNullOrWhiteSpace(markdown) && string.IsNullOrWhiteSpace(dateline))
        {
            return SafeHtml.Empty;
        }

        var document = Markdown.Parse(markdown ?? string.Empty, _pipeline);
        if (!string.IsNullOrWhiteSpace(dateline))
        {
            PrependDateline(document, dateline.Trim());
        }

        var html = document.ToHtml(_pipeline);
        return new SafeHtml(_sanitizer.Sanitize(html));
    }

    /// <summary>Renders a short Markdown text (unit description) without a dateline.</summary>
    public SafeHtml Render(string? markdown) => Render(markdown, null);

    private static void PrependDateline(MarkdownDocument document, string dateline)
    {
        // Built as AST nodes, so the dateline is text (encoded on output), never parsed as the author's Markdown.
        var strong = new EmphasisInline { DelimiterChar = '*', DelimiterCount = 2 };
        strong.AppendChild(new LiteralInline(dateline));
        strong.GetAttributes().AddClass("dateline");
        var space = new LiteralInline("　");

        if (document.Count > 0 && document[0] is ParagraphBlock { Inline: { } inline })
        {
            if (inline.FirstChild is { } first)
            {
                first.InsertBefore(strong);
                first.InsertBefore(space);
            }
            else
            {
                inline.AppendChild(strong);
            }
        }
        else
        {
            var paragraph = new ParagraphBlock { Inline = new ContainerInline() };
            paragraph.Inline.AppendChild(strong);
            document.Insert(0, paragraph);
        }
    }
}
