using CivilizationNews.Web.Infrastructure;
using CivilizationNews.Web.Models;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Controllers;

/// <summary>The Chinese status pages. Never shows exception details to readers.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route("/error/{code:int}")]
    public IActionResult Status(int code)
    {
        if (code == 500 && DatabaseOutage.IsOutage(HttpContext.Features.Get<IExceptionHandlerFeature>()?.Error))
        {
            // Not a bug: the database is unreachable. Readers are told to come back shortly.
            code = 503;
        }
        if (code == 503)
        {
            Response.Headers.RetryAfter = "30";
        }
        var model = code switch
        {
            404 => new ErrorPageModel(404, "页面不存在", "您要找的页面不存在，可能已被删除，或网址有误。"),
            400 => new ErrorPageModel(400, "请求有误", "网址或提交的内容格式不正确，请检查后重试。"),
            403 => new ErrorPageModel(403, "无权访问", "您没有访问此页面的权限。"),
            405 => new ErrorPageModel(405, "请求方式不正确", "此页面不支持这种访问方式。"),
            429 => new ErrorPageModel(429, "访问过于频繁", "您的操作太快了，请稍候再试。"),
            503 => new ErrorPageModel(503, "服务暂时不可用", "网站正在维护或暂时繁忙，请稍后再访问。"),
            >= 500 and <= 599 => new ErrorPageModel(500, "服务器开小差了", "页面出了点问题，我们已记录下来，请稍后再试。"),
            _ => new ErrorPageModel(404, "页面不存在", "您要找的页面不存在，可能已被删除，或网址有误。"),
        };
        Response.StatusCode = model.StatusCode;
        ViewData[PageMeta.Key] = new PageMeta(model.Title);
        return View("Error", model);
    }
}
