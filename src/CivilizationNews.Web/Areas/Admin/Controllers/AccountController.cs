using CivilizationNews.Core.Accounts;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// Sign-in and sign-out. There is no self-registration. The cookie is Identity's SignInManager (an HTTP
/// concern, so here); what happened is recorded by Core's <see cref="AccountActivity"/>.
/// </summary>
[Route("admin/account/[action]")]
public sealed partial class AccountController(SignInManager<NewsUser> signIn, AccountActivity activity, ILogger<AccountController> logger) : AdminController
{
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
        var ipAddress = HttpContext.Connection.RemoteIpAddress?.ToString();
        var result = await signIn.PasswordSignInAsync(input.Email.Trim(), input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            await activity.SignedInAsync(input.Email.Trim(), ipAddress, cancellationToken);
            var dashboard = Url.Action(nameof(DashboardController.Index), "Dashboard")!;
            return LocalRedirect(Url.IsLocalUrl(input.ReturnUrl) && input.ReturnUrl!.StartsWith(dashboard, StringComparison.Ordinal) ? input.ReturnUrl : dashboard);
        }
        if (result.IsLockedOut)
        {
            LogLockedOut(logger, input.Email);
            await activity.LockedOutAsync(input.Email, ipAddress, cancellationToken);
            ModelState.AddModelError(string.Empty, "登录失败次数过多，账号已暂时锁定，请15分钟后再试。");
        }
        else
        {
            LogFailedSignIn(logger, input.Email);
            ModelState.AddModelError(string.Empty, "邮箱或密码不正确。");
        }
        return View(input);
    }

    [HttpPost]
    public async Task<IActionResult> Logout(CancellationToken cancellationToken)
    {
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

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information, Message = "Failed sign-in for {Email}")]
    private static partial void LogFailedSignIn(ILogger logger, string email);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "Account {Email} locked out after repeated failed sign-ins")]
    private static partial void LogLockedOut(ILogger logger, string email);
}
