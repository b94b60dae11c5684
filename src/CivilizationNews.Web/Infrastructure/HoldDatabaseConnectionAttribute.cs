using CivilizationNews.Core.Data;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>
/// Opens the request's database connection once, around the action and the view (its view
/// components query too), instead of EF opening and closing it for each of a page's queries and
/// running the per-connection pragmas every time: about a third of an uncached article's database
/// time (docs/performance.md). The connection goes back to the pool when the response is written.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true)]
public sealed class HoldDatabaseConnectionAttribute : Attribute, IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var db = context.HttpContext.RequestServices.GetRequiredService<NewsDbContext>();
        try
        {
            await db.Database.OpenConnectionAsync(context.HttpContext.RequestAborted);
        }
        catch (Exception ex) when (DatabaseOutage.IsOutage(ex))
        {
            // Let the action meet the outage itself and answer with the 503 page.
            await next();
            return;
        }
        try
        {
            await next();
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
