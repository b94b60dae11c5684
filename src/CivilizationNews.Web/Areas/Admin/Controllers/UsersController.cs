using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Validation;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 账号: administrators open accounts (there is no self-registration), change roles, lock and unlock,
/// and set a new password. Every change goes through <see cref="UserDesk"/>, which audits it in the same
/// transaction and refuses an administrator's locking themselves or dropping their own administrator role.
/// </summary>
[Route("admin/users")]
[Authorize(Policy = NewsroomSetup.AdminPolicy)]
public sealed class UsersController(UserDesk desk) : AdminController
{
    /// <summary>The id of the password panel on the edit page, where a refused password sends the administrator back.</summary>
    public const string ResetPanelId = "reset-panel";

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "账号";
        return View(await desk.ListAsync(cancellationToken));
    }

    [HttpGet("create")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "开设账号";
        return View(new UserCreatePage(new NewUserInput(), await desk.ChoicesAsync(cancellationToken)));
    }

    [HttpPost("create")]
    public async Task<IActionResult> Create(NewUserInput form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "开设账号";
        var result = await desk.CreateAsync(form, CurrentUser, cancellationToken);
        if (result.Outcome == SaveOutcome.Saved)
        {
            Flash(result.Message!);
            return RedirectToAction(nameof(Edit), new { id = result.Id });
        }
        ShowErrors(result.Errors);
        form.Password = null;
        form.ConfirmPassword = null;
        return View(new UserCreatePage(form, await desk.ChoicesAsync(cancellationToken)));
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken)
    {
        if (await desk.LoadAsync(id, CurrentUser, cancellationToken) is not { } editing)
        {
            return NotFound();
        }
        ViewData["Title"] = $"账号：{editing.Account.DisplayName}";
        return View(new UserEditPage(editing.Account, editing.Input, await desk.ChoicesAsync(cancellationToken)));
    }

    [HttpPost("{id}")]
    public async Task<IActionResult> Edit(string id, UserEditInput form, CancellationToken cancellationToken)
    {
        var result = await desk.UpdateAsync(id, form, CurrentUser, cancellationToken);
        switch (result.Outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Saved:
                Flash(result.Message!);
                return RedirectToAction(nameof(Edit), new { id });
            case SaveOutcome.Conflict:
                FlashError(result.Message!);
                return RedirectToAction(nameof(Edit), new { id });
        }
        if (await desk.LoadAsync(id, CurrentUser, cancellationToken) is not { } editing)
        {
            return NotFound();
        }
        ViewData["Title"] = $"账号：{editing.Account.DisplayName}";
        ShowErrors(result.Errors);
        return View(new UserEditPage(editing.Account, form, await desk.ChoicesAsync(cancellationToken)));
    }

    /// <summary>Locks the account until unlocked, and ends its open sessions.</summary>
    [HttpPost("{id}/lock")]
    public async Task<IActionResult> Lock(string id, CancellationToken cancellationToken) =>
        Done(id, await desk.LockAsync(id, CurrentUser, cancellationToken));

    [HttpPost("{id}/unlock")]
    public async Task<IActionResult> Unlock(string id, CancellationToken cancellationToken) =>
        Done(id, await desk.UnlockAsync(id, CurrentUser, cancellationToken));

    /// <summary>Turns off a colleague's two-factor sign-in (lost phone and recovery codes); open sessions end.</summary>
    [HttpPost("{id}/two-factor-reset")]
    public async Task<IActionResult> ResetTwoFactor(string id, CancellationToken cancellationToken) =>
        Done(id, await desk.ResetTwoFactorAsync(id, CurrentUser, cancellationToken));

    /// <summary>Sets a password the administrator types (for a colleague who forgot theirs); open sessions end.</summary>
    [HttpPost("{id}/password")]
    public async Task<IActionResult> ResetPassword(string id, PasswordResetInput form, CancellationToken cancellationToken)
    {
        var result = await desk.ResetPasswordAsync(id, form, CurrentUser, cancellationToken);
        if (result.Outcome == SaveOutcome.Invalid)
        {
            FlashError(string.Join(" ", result.Errors!.All.Select(e => e.Message)));
            return RedirectToAction(nameof(Edit), null, new { id }, ResetPanelId);
        }
        return Done(id, result);
    }

    /// <summary>Post/redirect/get back to the account, with the result's message.</summary>
    private IActionResult Done(string id, UserSaveResult result)
    {
        switch (result.Outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Saved:
                Flash(result.Message!);
                break;
            default:
                FlashError(result.Message!);
                break;
        }
        return RedirectToAction(nameof(Edit), new { id });
    }
}
