using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Reading;
using CivilizationNews.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Controllers;

public sealed class UnitsController(UnitReader units, MarkdownRenderer renderer) : PortalController
{
    [HttpGet("/units")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var groups = await units.DirectoryAsync(cancellationToken);
        CacheTags(ContentTags.Units);
        SetMeta(new PageMeta("单位名录", "市直机关各单位、医院、学校、金融机构的报道汇集。", "/units"));
        return View(groups);
    }

    [HttpGet("/unit/{slug}")]
    public async Task<IActionResult> Show(string slug, [FromQuery] string? page, CancellationToken cancellationToken)
    {
        if (ParsePage(page) is not { } number || await units.ProfileAsync(slug, number, cancellationToken) is not { } unit)
        {
            return NotFoundPage();
        }
        CacheTags([ContentTags.Unit(unit.Slug), .. unit.Photos.Select(p => ContentTags.Media(p.MediaId))]);
        var path = PublicPaths.Unit(unit.Slug);
        SetMeta(new PageMeta(unit.Name, $"{unit.Name}（{unit.KindLabel}）的简介、荣誉与全部报道。",
            number > 1 ? $"{path}?page={number}" : path,
            unit.Photos.Count > 0 ? PublicPaths.PhotoJpeg(unit.Photos[0].MediaId) : null));
        return View(new UnitPageModel(unit, renderer.Render(unit.Description)));
    }
}
