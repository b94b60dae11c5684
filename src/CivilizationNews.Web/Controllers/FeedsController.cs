using System.Net;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Feeds;
using CivilizationNews.Core.Time;
using CivilizationNews.Web.Infrastructure;
using CivilizationNews.Web.TagHelpers;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace CivilizationNews.Web.Controllers;

/// <summary>
/// RSS 2.0 and Atom 1.0 feeds: the whole site, each section, unit, contributor and tag, and the latest
/// edition. Every page with a feed serves it at {page}/rss and {page}/atom (site: /feed/rss).
/// </summary>
[OutputCache(PolicyName = OutputCaching.PublicPolicy)]
[HoldDatabaseConnection]
public sealed class FeedsController(
    FeedReader feeds, MarkdownRenderer renderer, PublicUrls urls, IOptions<FeedOptions> feedOptions,
    IOptions<SiteOptions> site, TimeProvider clock) : Controller
{
    private const string Format = "{format:regex(^(rss|atom)$)}";
    private const string DublinCore = "http://purl.org/dc/elements/1.1/";
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private int Count => Math.Clamp(feedOptions.Value.ItemCount, 1, FeedOptions.MaxItemCount);

    [HttpGet("/feed/" + Format)]
    public async Task<IActionResult> Site(string format, CancellationToken cancellationToken)
    {
        var channel = await feeds.SiteAsync(Count, cancellationToken);
        return Feed(format, FeedPaths.Site, PublicPaths.Home, null, $"{site.Value.Name}（{site.Value.Tagline}）最新报道", channel.Stories);
    }

    [HttpGet("/section/{slug}/" + Format)]
    public async Task<IActionResult> Section(string slug, string format, CancellationToken cancellationToken) =>
        await feeds.SectionAsync(slug, Count, cancellationToken) is { } channel
            ? Feed(format, PublicPaths.Section(slug), PublicPaths.Section(slug), channel.Name, channel.Description, channel.Stories)
            : NotFound();

    [HttpGet("/unit/{slug}/" + Format)]
    public async Task<IActionResult> Unit(string slug, string format, CancellationToken cancellationToken) =>
        await feeds.UnitAsync(slug, Count, cancellationToken) is { } channel
            ? Feed(format, PublicPaths.Unit(slug), PublicPaths.Unit(slug), channel.Name, channel.Description, channel.Stories)
            : NotFound();

    [HttpGet("/contributor/{slug}/" + Format)]
    public async Task<IActionResult> Contributor(string slug, string format, CancellationToken cancellationToken) =>
        await feeds.ContributorAsync(slug, Count, cancellationToken) is { } channel
            ? Feed(format, PublicPaths.Contributor(slug), PublicPaths.Contributor(slug), channel.Name, channel.Description, channel.Stories)
            : NotFound();

    [HttpGet("/tag/{name}/" + Format)]
    public async Task<IActionResult> Tag(string name, string format, CancellationToken cancellationToken) =>
        await feeds.TagAsync(name, Count, cancellationToken) is { } channel
            ? Feed(format, PublicPaths.Tag(name), PublicPaths.Tag(name), channel.Name, channel.Description, channel.Stories)
            : NotFound();

    /// <summary>The latest edition, its stories in print order (page by page).</summary>
    [HttpGet("/epaper/" + Format)]
    public async Task<IActionResult> Epaper(string format, CancellationToken cancellationToken)
    {
        if (await feeds.LatestEditionAsync(cancellationToken) is not { } edition)
        {
            return NotFound();
        }
        var name = $"数字报 {ChinaTime.FormatShortDate(edition.Date)} 第{edition.Number}期";
        return Feed(format, FeedPaths.Epaper, PublicPaths.Edition(edition.Date), name,
            $"{site.Value.Name}{ChinaTime.FormatDate(edition.Date)}各版面稿件", edition.Stories);
    }

    private FileContentResult Feed(
        string format, string feedBase, string pagePath, string? name, string? description, IReadOnlyList<FeedStory> stories)
    {
        HttpContext.AddCacheTags(ContentTags.Feeds);
        var rss = format == "rss";
        var origin = urls.Origin(Request);
        var feedUrl = new Uri(origin + (rss ? FeedPaths.Rss(feedBase) : FeedPaths.Atom(feedBase)));
        var siteName = site.Value.Name;
        var updated = stories.Count > 0 ? stories.Max(s => s.ModifiedAt) : clock.GetUtcNow().UtcDateTime;

        var feed = new SyndicationFeed(
            FeedPaths.Title(name, siteName), description ?? siteName, new Uri(origin + pagePath), feedUrl.AbsoluteUri,
            ChinaTimestamps.ToOffset(updated))
        {
            Language = "zh-CN",
            Copyright = new TextSyndicationContent($"© {siteName}"),
            Generator = siteName,
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(feedUrl, rss ? FeedPaths.RssType : FeedPaths.AtomType));
        // Atom requires an author per entry or for the feed: the paper stands in for uncredited stories.
        feed.Authors.Add(new SyndicationPerson(null, siteName, origin + PublicPaths.Home));
        feed.Items = stories.Select(s => Item(s, origin, rss)).ToList();

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = Utf8 }))
        {
            SyndicationFeedFormatter formatter = rss ? new Rss20FeedFormatter(feed) : new Atom10FeedFormatter(feed);
            formatter.WriteTo(writer);
        }
        Response.Headers.CacheControl = "public, max-age=300";
        return File(buffer.ToArray(), (rss ? FeedPaths.RssType : FeedPaths.AtomType) + "; charset=utf-8");
    }

    private SyndicationItem Item(FeedStory story, string origin, bool rss)
    {
        var url = new Uri(origin + PublicPaths.Article(story.Id));
        var item = new SyndicationItem
        {
            Id = url.AbsoluteUri,
            Title = new TextSyndicationContent(story.Title),
            PublishDate = ChinaTimestamps.ToOffset(story.PublishedAt),
            LastUpdatedTime = ChinaTimestamps.ToOffset(story.ModifiedAt),
            Summary = Summary(story, origin),
        };
        item.Links.Add(SyndicationLink.CreateAlternateLink(url, "text/html"));
        foreach (var group in story.Credits)
        {
            foreach (var person in group.Names)
            {
                item.Authors.Add(new SyndicationPerson(null, $"{group.Role} {person.Name}", origin + PublicPaths.Contributor(person.Slug)));
            }
        }
        if (rss && story.Credits.Count > 0)
        {
            // RSS's own <author> wants an e-mail address; readers take the byline from dc:creator.
            item.ElementExtensions.Add("creator", DublinCore,
                string.Join('　', story.Credits.Select(g => $"{g.Role} {string.Join(' ', g.Names.Select(n => n.Name))}")));
        }
        item.Categories.Add(new SyndicationCategory(story.Section.Name));
        foreach (var tag in story.Tags)
        {
            item.Categories.Add(new SyndicationCategory(tag));
        }
        if (story.Image is { } image)
        {
            item.Links.Add(SyndicationLink.CreateMediaEnclosureLink(
                new Uri(origin + PublicPaths.PhotoJpeg(image.MediaId)), "image/jpeg", image.Length));
        }
        return item;
    }

    /// <summary>The summary as plain text, or with Feeds:FullText the whole story as sanitized HTML.</summary>
    private TextSyndicationContent? Summary(FeedStory story, string origin)
    {
        // A corrected story says so in its entry, whose updated date is the latest correction's (or later).
        var corrections = story.Corrections.Select(c => $"更正（{ChinaTime.FormatDate(c.CreatedAt)}）：原文有误：{c.Wrong} 更正为：{c.Right}").ToList();
        if (!feedOptions.Value.FullText)
        {
            var text = story.Summary ?? (story.Subtitle is { } subtitle ? "——" + subtitle : null);
            var lines = corrections.Prepend(text).OfType<string>().ToList();
            return lines.Count == 0 ? null : new TextSyndicationContent(string.Join("\n", lines));
        }
        var html = new StringBuilder();
        if (story.Subtitle is { } sub)
        {
            html.Append("<p>——").Append(WebUtility.HtmlEncode(sub)).Append("</p>");
        }
        if (story.Image is { } image)
        {
            html.Append("<p><img src=\"").Append(WebUtility.HtmlEncode(origin + PublicPaths.PhotoJpeg(image.MediaId)))
                .Append("\" alt=\"").Append(WebUtility.HtmlEncode(image.Alt)).Append("\"></p>");
        }
        html.Append(renderer.Render(story.Body, story.Dateline).Value);
        foreach (var correction in corrections)
        {
            html.Append("<p><strong>").Append(WebUtility.HtmlEncode(correction)).Append("</strong></p>");
        }
        return new TextSyndicationContent(html.ToString(), TextSyndicationContentKind.Html);
    }
}
