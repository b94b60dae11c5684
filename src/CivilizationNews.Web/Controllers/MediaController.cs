using System.Text.RegularExpressions;
using CivilizationNews.Core.Caching;
using CivilizationNews.Core.Reading;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;

namespace CivilizationNews.Web.Controllers;

/// <summary>Serves image renditions. They never change once stored, so browsers may keep them for a year.</summary>
[OutputCache(PolicyName = OutputCaching.PublicPolicy)]
public sealed partial class MediaController(MediaReader media) : Controller
{
    [HttpGet("/media/{id:int:min(1)}/{name}")]
    public async Task<IActionResult> Get(int id, string name, CancellationToken cancellationToken)
    {
        if (!RenditionName().IsMatch(name) || await media.GetAsync(id, name, cancellationToken) is not { } file)
        {
            return NotFound();
        }
        HttpContext.AddCacheTags(ContentTags.Media(id));
        Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
        return File(file.Data, file.ContentType);
    }

    [GeneratedRegex("^(original|w[0-9]{2,4}\\.(webp|jpg))$")]
    private static partial Regex RenditionName();
}
