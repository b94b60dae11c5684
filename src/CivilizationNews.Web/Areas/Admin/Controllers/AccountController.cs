using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>Sign-in and sign-out. There is no self-registration.</summary>
[Route("admin/account/[action]")]
public sealed partial class AccountController(SignInManager<NewsUser> signIn, AuditLog audit, NewsDbContext db, ILogger<AccountController> logger) : AdminController
{
    [HttpGet, AllowAnonymous]
    public IActionResult Login(string? returnUrl)
    {
        ViewData["Title"] = "登录";
        return View(new LoginInput { ReturnUrl = returnUrl });
    }

    [HttpPost, AllowAnonymous, EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> Login(LoginInput input)
    {
        ViewData["Title"] = "登录";
        if (!ModelState.IsValid)
        {
            return View(input);
        }
        var result = await signIn.PasswordSignInAsync(input.Email.Trim(), input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            var user = await signIn.UserManager.FindByEmailAsync(input.Email.Trim());
            audit.Record(new AuditActor(user?.Id, user?.DisplayName ?? input.Email, HttpContext.Connection.RemoteIpAddress?.ToString()), "account.sign-in", "User", user?.Id);
            await db.SaveChangesAsync();
            return LocalRedirect(Url.IsLocalUrl(input.ReturnUrl) && input.ReturnUrl!.StartsWith("/admin", StringComparison.Ordinal) ? input.ReturnUrl : "/admin");
        }
        if (result.IsLockedOut)
        {
            LogLockedOut(logger, input.Email);
            audit.Record(new AuditActor(null, input.Email, HttpContext.Connection.RemoteIpAddress?.ToString()), "account.locked-out", "User", null, input.Email);
            await db.SaveChangesAsync();
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
    public async Task<IActionResult> Logout()
    {
        audit.Record(CurrentUser.Actor, "account.sign-out", "User", CurrentUser.Id);
        await db.SaveChangesAsync();
        await signIn.SignOutAsync();
        return Redirect("/admin/account/login");
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
