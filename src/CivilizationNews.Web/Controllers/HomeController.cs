using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Content;
using CivilizationNews.Core.Reading;
using CivilizationNews.Core.Reading.Documents;
using CivilizationNews.Web.Infrastructure;
using CivilizationNews.Web.Models;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Controllers;

public sealed class HomeController(HomeReader home, PageDocuments documents, StartupWarmUp warmUp) : PortalController
{
    [HttpGet("/")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        // Just after start-up, the page may be being built already: wait for that build rather than repeat it.
        await warmUp.Completion.WaitAsync(cancellationToken);
        var model = await documents.HomeAsync(home, cancellationToken)
            ?? throw new InvalidOperationException("The home page reader returned nothing.");
        CacheTags(ContentTags.Home);
        SetMeta(new PageMeta(SiteName, $"{SiteName}数字报：运城本地新闻、市直单位动态与每日版面。", "/",
            model.Feature is { Photos.Count: > 0 } f ? PublicPaths.PhotoJpeg(f.Photos[0].MediaId) : null));
        return View(model);
    }
}
