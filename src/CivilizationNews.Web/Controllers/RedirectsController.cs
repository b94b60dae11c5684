using CivilizationNews.Core.Content;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Controllers;

/// <summary>
/// Older and decorated story URLs answer 301 to the stable short URL /article/{id}, so links shared
/// before (or with a slug added by hand) keep working and search engines fold them into one page.
/// </summary>
public sealed class RedirectsController : Controller
{
    [HttpGet("/article/{id:int:min(1)}/{slug}")]
    [HttpGet("/a/{id:int:min(1)}")]
    [HttpGet("/news/{id:int:min(1)}.html")]
    public IActionResult Article(int id) => RedirectPermanent(PublicPaths.Article(id));
}
