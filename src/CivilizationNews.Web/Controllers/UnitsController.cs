using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Reading.Documents;
using CivilizationNews.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Controllers;

public sealed class UnitsController(UnitReader units, PageDocuments documents, MarkdownRenderer renderer) : PortalController
{
    [HttpGet("/units")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var groups = await documents.UnitDirectoryAsync(units, cancellationToken)
            ?? throw new InvalidOperationException("The unit directory reader returned nothing.");
        CacheTags(ContentTags.Units);
        SetMeta(new PageMeta("单位名录", "市直机关各单位、医院、学校、金融机构的报道汇集。", "/units"));
        return View(groups);
    }

    [HttpGet("/unit/{slug}")]
    public async Task<IActionResult> Show(string slug, [FromQuery] string? page, CancellationToken cancellationToken)
    {
        if (ParsePage(page) is not { } number
            || await documents.UnitProfileAsync(units, renderer, slug, number, cancellationToken) is not { } profile)
        {
            return NotFoundPage();
        }
        var unit = profile.Unit;
        CacheTags(PageDocuments.UnitTags(unit));
        var path = PublicPaths.Unit(unit.Slug);
        SetMeta(new PageMeta(unit.Name, $"{unit.Name}（{unit.KindLabel}）的简介、荣誉与全部报道。",
            number > 1 ? $"{path}?page={number}" : path,
            unit.Photos.Count > 0 ? PublicPaths.PhotoJpeg(unit.Photos[0].MediaId) : null));
        return View(new UnitPageModel(unit, profile.Description));
    }
}
