using CivilizationNews.Core.Discovery;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Reading;
using CivilizationNews.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Controllers;

public sealed class ArticlesController(ArticleReader articles, MarkdownRenderer renderer) : PortalController
{
    [HttpGet("/article/{id:int:min(1)}")]
    public async Task<IActionResult> Show(int id, CancellationToken cancellationToken)
    {
        var article = await articles.GetAsync(id, cancellationToken);
        if (article is null)
        {
            return NotFoundPage();
        }
        SetMeta(new PageMeta(article.Title, article.Summary, PublicPaths.Article(article.Id),
            article.Photos.Count > 0 ? PublicPaths.PhotoJpeg(article.Photos[0].MediaId) : null, "article"));
        return View(new ArticlePageModel(article, renderer.Render(article.Body, article.Dateline)));
    }
}
