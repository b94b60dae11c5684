using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// Reads a posted form before antiforgery validation does, so that a body over the action's limits
/// (RequestSizeLimit or the form/multipart length limits) becomes a Chinese message on the form's page
/// instead of a bare 400 or 413. It runs after the limit filters (order 900) and before antiforgery
/// (order 1000); nothing is stored either way. Each upload form names its message and page.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public abstract class OversizedFormGuardAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
{
    public int Order => 950;

    /// <summary>The message shown on the form's page.</summary>
    protected abstract string Message { get; }

    /// <summary>The page the editor is sent back to.</summary>
    protected abstract string RedirectTo { get; }

    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType)
        {
            return;
        }
        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            var tempData = http.RequestServices.GetRequiredService<ITempDataDictionaryFactory>().GetTempData(http);
            tempData[AdminController.ErrorKey] = Message;
            // Result filters, which normally save TempData, do not run after an authorization short-circuit.
            tempData.Save();
            context.Result = new RedirectResult(RedirectTo);
        }
    }
}
