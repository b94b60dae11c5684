using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Reading;
using CivilizationNews.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Controllers;

public sealed class FeaturesController(FeatureReader features, MarkdownRenderer renderer) : PortalController
{
    [HttpGet("/feature/{slug}")]
    public async Task<IActionResult> Show(string slug, CancellationToken cancellationToken)
    {
        var feature = await features.GetAsync(slug, cancellationToken);
        if (feature is null)
        {
            return NotFoundPage();
        }
        CacheTags([ContentTags.Feature(feature.Slug), ContentTags.Article(feature.Lead.Id),
            .. feature.Sidebars.Select(s => ContentTags.Article(s.Id)),
            .. feature.Sidebars.Append(feature.Lead).Where(s => s.PrimaryUnit is not null).Select(s => ContentTags.Unit(s.PrimaryUnit!.Slug)),
            .. feature.Photos.Select(p => ContentTags.Media(p.MediaId))]);
        SetMeta(new PageMeta(feature.Title, feature.Summary, PublicPaths.Feature(feature.Slug),
            feature.Photos.Count > 0 ? PublicPaths.PhotoJpeg(feature.Photos[0].MediaId) : null, "article"));
        FeatureStoryModel Render(FeatureStory s) => new(s, renderer.Render(s.Body, s.Dateline));
        return View(new FeaturePageModel(feature, Render(feature.Lead), feature.Sidebars.Select(Render).ToList()));
    }
}
