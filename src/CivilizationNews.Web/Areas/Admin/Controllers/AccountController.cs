using CivilizationNews.Core.Accounts;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using SignInResult = Microsoft.AspNetCore.Identity.SignInResult;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// Sign-in (password, then the authenticator code where two-factor sign-in is on) and sign-out. There is no
/// self-registration. The cookie is Identity's SignInManager (an HTTP concern, so here); what happened is
/// recorded by Core's <see cref="AccountActivity"/>. Every refusal of a password reads the same and costs the
/// same work, whether the account exists, is locked or the password is wrong (ASVS 2.2.1, 3.x enumeration).
/// </summary>
[Route("admin/account/[action]")]
[AllowedDuringAccountStep]
public sealed partial class AccountController(SignInManager<NewsUser> signIn, AccountActivity activity, SignInWork work,
    ILogger<AccountController> logger) : AdminController
{
    /// <summary>The one answer to a refused password: it does not say whether the account exists or is locked.</summary>
    public const string SignInRefused = "登录失败：邮箱或密码不正确，或账号暂时无法登录。连续失败多次后账号会被锁定15分钟；如仍无法登录，请联系本报管理员。";

    public const string CodeRefused = "验证码不正确或已过期，请输入身份验证器应用中当前显示的验证码，或一个未用过的恢复码。";

    [HttpGet, AllowAnonymous]
    public IActionResult Login(string? returnUrl)
    {
        ViewData["Title"] = "登录";
        return View(new LoginInput { ReturnUrl = returnUrl });
    }

    [HttpPost, AllowAnonymous, EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> Login(LoginInput input, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "登录";
        if (!ModelState.IsValid)
        {
            return View(input);
        }
        var email = input.Email.Trim();
        var ipAddress = HttpContext.Connection.RemoteIpAddress?.ToString();
        var user = await signIn.UserManager.FindByNameAsync(email);
        var lockedBefore = user is not null && await signIn.UserManager.IsLockedOutAsync(user);
        var result = user is null ? SignInResult.Failed : await signIn.PasswordSignInAsync(user, input.Password, isPersistent: false, lockoutOnFailure: true);
        if (user is null || lockedBefore)
        {
            // Identity checked no password: do the same hashing a wrong password costs.
            work.VerifyAgainstNothing(input.Password);
        }
        if (result.Succeeded)
        {
            await activity.SignedInAsync(email, ipAddress, cancellationToken);
            return LocalRedirect(Destination(input.ReturnUrl));
        }
        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactor), new { returnUrl = input.ReturnUrl });
        }
        if (result.IsLockedOut)
        {
            LogLockedOut(logger, email);
            await activity.LockedOutAsync(email, ipAddress, cancellationToken);
        }
        else
        {
            LogFailedSignIn(logger, email);
        }
        ModelState.AddModelError(string.Empty, SignInRefused);
        input.Password = string.Empty;
        return View(input);
    }

    /// <summary>The second step: the password was right and two-factor sign-in is on.</summary>
    [HttpGet, AllowAnonymous]
    public async Task<IActionResult> TwoFactor(string? returnUrl)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToAction(nameof(Login));
        }
        ViewData["Title"] = "两步验证";
        return View(new TwoFactorSignInInput { ReturnUrl = returnUrl });
    }

    [HttpPost, AllowAnonymous, EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> TwoFactor(TwoFactorSignInInput input, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "两步验证";
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            // The five minutes between password and code are over (or there was no password step).
            FlashError("验证已超时，请重新输入邮箱和密码。");
            return RedirectToAction(nameof(Login));
        }
        var code = AccountSecurity.Digits(input.Code);
        // Six digits are the app's code; anything else is tried as a recovery code (each works once).
        var result = code.Length == NewsIdentity.AuthenticatorCodeLength && code.All(char.IsAsciiDigit)
            ? await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false)
            : string.IsNullOrWhiteSpace(input.Code) ? SignInResult.Failed
            : await signIn.TwoFactorRecoveryCodeSignInAsync(input.Code.Replace(" ", string.Empty, StringComparison.Ordinal));
        var ipAddress = HttpContext.Connection.RemoteIpAddress?.ToString();
        if (result.Succeeded)
        {
            await activity.SignedInAsync(user.Email ?? user.UserName ?? string.Empty, ipAddress, cancellationToken);
            return LocalRedirect(Destination(input.ReturnUrl));
        }
        if (result.IsLockedOut)
        {
            LogLockedOut(logger, user.Email ?? string.Empty);
            await activity.LockedOutAsync(user.Email ?? string.Empty, ipAddress, cancellationToken);
            await signIn.SignOutAsync();
            FlashError(SignInRefused);
            return RedirectToAction(nameof(Login));
        }
        LogFailedCode(logger, user.Email ?? string.Empty);
        ModelState.AddModelError(string.Empty, CodeRefused);
        input.Code = string.Empty;
        return View(input);
    }

    [HttpPost]
    public async Task<IActionResult> Logout(CancellationToken cancellationToken)
    {
        // Renews the security stamp: a copy of this cookie is refused at its next check.
        await activity.SignedOutAsync(CurrentUser, cancellationToken);
        await signIn.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    [HttpGet, AllowAnonymous]
    public IActionResult Denied()
    {
        ViewData["Title"] = "无权访问";
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    /// <summary>Back to the admin page that sent the member to sign in (only an admin page), else the dashboard.</summary>
    private string Destination(string? returnUrl)
    {
        var dashboard = Url.Action(nameof(DashboardController.Index), "Dashboard")!;
        return Url.IsLocalUrl(returnUrl) && returnUrl!.StartsWith(dashboard, StringComparison.Ordinal) ? returnUrl : dashboard;
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Failed sign-in for {Email}")]
    private static partial void LogFailedSignIn(ILogger logger, string email);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Account {Email} locked out after repeated failed sign-ins")]
    private static partial void LogLockedOut(ILogger logger, string email);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "Wrong two-factor code for {Email}")]
    private static partial void LogFailedCode(ILogger logger, string email);
}
