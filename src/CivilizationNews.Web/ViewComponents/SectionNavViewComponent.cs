using CivilizationNews.Core.Reading;
using CivilizationNews.Web.Models;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.ViewComponents;

/// <summary>The section row under the masthead.</summary>
public sealed partial class SectionNavViewComponent(SectionMenu menu, ILogger<SectionNavViewComponent> logger) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string? current)
    {
        IReadOnlyList<SectionRef> sections;
        try
        {
            sections = await menu.SectionsAsync(HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
        {
            // The error pages use this layout too; with the database gone they must still render.
            LogNavUnavailable(logger, ex);
            sections = [];
        }
        return View(new SectionNavModel(sections, current));
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Section navigation unavailable")]
    private static partial void LogNavUnavailable(ILogger logger, Exception exception);
}
