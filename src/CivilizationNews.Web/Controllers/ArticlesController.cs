using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Reading.Documents;
using CivilizationNews.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Controllers;

public sealed class ArticlesController(StoryDocuments stories) : PortalController
{
    [HttpGet("/article/{id:int:min(1)}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        if (await stories.GetAsync(id, cancellationToken) is not { } page)
        {
            return NotFoundPage();
        }
        var article = page.Article;
        CacheTags(ArticleTags(article));
        SetMeta(new PageMeta(article.Title, article.Summary, PublicPaths.Article(article.Id),
            article.Photos.Count > 0 ? PublicPaths.PhotoJpeg(article.Photos[0].MediaId) : null, "article"));
        return View(new ArticlePageModel(article, page.Body));
    }

    /// <summary>The story, its section (previous/next), units (related), tags, credits, photos, feature and edition.</summary>
    private static IEnumerable<string> ArticleTags(ArticleDetail article)
    {
        yield return ContentTags.Article(article.Id);
        yield return ContentTags.Section(article.Section.Slug);
        foreach (var unit in article.Units)
        {
            yield return ContentTags.Unit(unit.Slug);
        }
        foreach (var tag in article.Tags)
        {
            yield return ContentTags.Tag(tag);
        }
        foreach (var name in article.Credits.SelectMany(c => c.Names))
        {
            yield return ContentTags.Contributor(name.Slug);
        }
        foreach (var photo in article.Photos)
        {
            yield return ContentTags.Media(photo.MediaId);
        }
        if (article.Feature is { } feature)
        {
            yield return ContentTags.Feature(feature.Slug);
        }
        if (article.Placement is { } placement)
        {
            yield return ContentTags.Edition(placement.Date);
        }
    }
}
