using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Validation;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// The base of every admin controller: the Admin area, a signed-in newsroom member, and antiforgery
/// validation on every unsafe request. Stricter policies are added per controller or action.
/// </summary>
[Area("Admin")]
[Authorize(Policy = NewsroomSetup.NewsroomPolicy)]
[AutoValidateAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public abstract class AdminController : Controller
{
    public const string StatusKey = "StatusMessage";
    public const string ErrorKey = "ErrorMessage";

    /// <summary>
    /// A member with a pending account step (a password an administrator set; an administrator without
    /// two-factor sign-in) is sent to it from every admin action not marked <see cref="AllowedDuringAccountStepAttribute"/>.
    /// </summary>
    public override Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (AccountSteps.Pending(User) is { } step
            && !context.ActionDescriptor.EndpointMetadata.OfType<AllowedDuringAccountStepAttribute>().Any())
        {
            context.Result = Redirect(step);
            return Task.CompletedTask;
        }
        return base.OnActionExecutionAsync(context, next);
    }

    protected NewsroomUser CurrentUser => User.ToNewsroomUser(HttpContext.Connection.RemoteIpAddress?.ToString());

    /// <summary>Post/redirect/get: the message shows once on the next page.</summary>
    protected void Flash(string message) => TempData[StatusKey] = message;

    protected void FlashError(string message) => TempData[ErrorKey] = message;

    /// <summary>
    /// Shows a Core service's refusals beside their fields. Binding errors are dropped first: services
    /// word every error themselves, in Chinese, so the page never shows the framework's English.
    /// </summary>
    protected void ShowErrors(FieldErrors? errors)
    {
        ModelState.Clear();
        foreach (var error in errors?.All ?? [])
        {
            ModelState.AddModelError(error.Field, error.Message);
        }
    }

    /// <summary>
    /// The answer to a delete a Core service ruled on: 404 for an unknown item, a refusal back to the item's
    /// Edit page with its reason, otherwise the controller's Index with the confirmation.
    /// </summary>
    protected IActionResult AfterDelete(SaveOutcome outcome, string? message, int id)
    {
        switch (outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Refused:
                FlashError(message!);
                return RedirectToAction("Edit", new { id });
            default:
                Flash(message!);
                return RedirectToAction("Index");
        }
    }
}
