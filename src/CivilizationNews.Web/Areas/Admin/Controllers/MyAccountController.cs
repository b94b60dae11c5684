using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Validation;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 账号安全: every newsroom member's own password and two-factor sign-in. Changes go through Core's
/// <see cref="AccountSecurity"/>; each renews the security stamp, so this session is signed in again
/// (keeping its original sign-in time) and the member's other sessions end at their next stamp check.
/// Reachable while an account step is pending: these pages are the steps.
/// </summary>
[Route("admin/me")]
[AllowedDuringAccountStep]
public sealed class MyAccountController(AccountSecurity security, SignInManager<NewsUser> signIn, IOptions<SiteOptions> site) : AdminController
{
    private const string RecoveryCodesKey = "RecoveryCodes";

    [HttpGet("password")]
    public IActionResult Password()
    {
        ViewData["Title"] = "修改密码";
        return View(new PasswordPage(AccountSteps.Pending(User) == AccountSteps.PasswordPath, new PasswordChangeInput()));
    }

    [HttpPost("password")]
    public async Task<IActionResult> Password(PasswordChangeInput form, CancellationToken cancellationToken)
    {
        var result = await security.ChangePasswordAsync(CurrentUser, form, cancellationToken);
        if (result.Outcome == SaveOutcome.NotFound)
        {
            return NotFound();
        }
        if (result.Outcome == SaveOutcome.Saved)
        {
            await RefreshSignInAsync();
            Flash(result.Message!);
            return Redirect(AccountSteps.TwoFactorPath);
        }
        ViewData["Title"] = "修改密码";
        ShowErrors(result.Errors);
        return View(new PasswordPage(AccountSteps.Pending(User) == AccountSteps.PasswordPath, new PasswordChangeInput()));
    }

    [HttpGet("two-factor")]
    public async Task<IActionResult> TwoFactor()
    {
        if (await security.StatusAsync(CurrentUser.Id) is not { } status)
        {
            return NotFound();
        }
        ViewData["Title"] = "两步验证";
        string? qr = null;
        string? manualKey = null;
        if (status.PendingKey is { } key)
        {
            var uri = AccountSecurity.AuthenticatorUri(site.Value.Name + "采编后台", status.Email, key);
            qr = QrCodes.SvgDataUri(uri);
            manualKey = AccountSecurity.FormatKey(key);
        }
        var codes = TempData[RecoveryCodesKey] is string joined ? joined.Split('\n') : [];
        return View(new TwoFactorPage(status, qr, manualKey, codes));
    }

    /// <summary>A new authenticator key to scan (only while two-factor sign-in is off).</summary>
    [HttpPost("two-factor/key")]
    public async Task<IActionResult> NewKey(CancellationToken cancellationToken)
    {
        var result = await security.NewAuthenticatorKeyAsync(CurrentUser, cancellationToken);
        return await DoneAsync(result.Outcome, result.Message);
    }

    [HttpPost("two-factor/enable")]
    public async Task<IActionResult> Enable(string? code, CancellationToken cancellationToken)
    {
        var result = await security.EnableTwoFactorAsync(CurrentUser, code, cancellationToken);
        if (result.RecoveryCodes is { } codes)
        {
            TempData[RecoveryCodesKey] = string.Join('\n', codes);
        }
        return await DoneAsync(result.Outcome, result.Message);
    }

    [HttpPost("two-factor/recovery-codes")]
    public async Task<IActionResult> RecoveryCodes(CancellationToken cancellationToken)
    {
        var result = await security.NewRecoveryCodesAsync(CurrentUser, cancellationToken);
        if (result.RecoveryCodes is { } codes)
        {
            TempData[RecoveryCodesKey] = string.Join('\n', codes);
        }
        return await DoneAsync(result.Outcome, result.Message);
    }

    [HttpPost("two-factor/disable")]
    public async Task<IActionResult> Disable(string? password, CancellationToken cancellationToken)
    {
        var result = await security.DisableTwoFactorAsync(CurrentUser, password, cancellationToken);
        return await DoneAsync(result.Outcome, result.Message);
    }

    /// <summary>Post/redirect/get back to the two-factor page; a saved change signs this session in again.</summary>
    private async Task<IActionResult> DoneAsync(SaveOutcome outcome, string? message)
    {
        switch (outcome)
        {
            case SaveOutcome.NotFound:
                return NotFound();
            case SaveOutcome.Saved:
                await RefreshSignInAsync();
                Flash(message!);
                break;
            default:
                FlashError(message!);
                break;
        }
        return RedirectToAction(nameof(TwoFactor));
    }

    /// <summary>The security stamp changed: re-issue this session's cookie (same sign-in time, new claims).</summary>
    private async Task RefreshSignInAsync()
    {
        if (await signIn.UserManager.GetUserAsync(User) is { } user)
        {
            await signIn.RefreshSignInAsync(user);
        }
    }
}
