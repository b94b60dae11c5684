using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Media;
using CivilizationNews.Core.Reading;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace CivilizationNews.Web.Controllers;

/// <summary>
/// Serves the renditions of images that something public shows (see <see cref="MediaReader.GetPublicAsync"/>);
/// any other id answers 404, the same as an id that does not exist. The bytes of a rendition never change,
/// but its public life can end (a story withdrawn), so browsers keep it for a day rather than a year, and
/// the output cache entry goes with the media tag the save path evicts.
/// </summary>
[OutputCache(PolicyName = OutputCaching.PublicPolicy)]
public sealed class MediaController(MediaReader media) : Controller
{
    public const string PublicCacheControl = "public, max-age=86400";

    [HttpGet("/media/{id:int:min(1)}/{name}")]
    public async Task<IActionResult> Get(int id, string name, CancellationToken cancellationToken)
    {
        if (!ImageProcessor.IsRenditionName(name) || await media.GetPublicAsync(id, name, cancellationToken) is not { } file)
        {
            return NotFound();
        }
        HttpContext.AddCacheTags(ContentTags.Media(id));
        Response.Headers[HeaderNames.CacheControl] = PublicCacheControl;
        return File(file.Data, file.ContentType);
    }
}
