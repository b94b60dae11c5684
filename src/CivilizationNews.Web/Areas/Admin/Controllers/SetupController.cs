using CivilizationNews.Core.Accounts;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>The first administrator's account, opened by the one-time link logged at start-up.</summary>
[Route("admin/setup")]
[AllowAnonymous]
[AllowedDuringAccountStep]
public sealed class SetupController(FirstAdministrator first, SignInManager<NewsUser> signIn) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? token)
    {
        ViewData["Title"] = "创建管理员";
        if (!await first.IsValidAsync(token))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return View("Invalid");
        }
        return View(new SetupInput { Token = token! });
    }

    [HttpPost(""), EnableRateLimiting(RateLimits.SignIn)]
    public async Task<IActionResult> Index(SetupInput input)
    {
        ViewData["Title"] = "创建管理员";
        if (!ModelState.IsValid)
        {
            return View(input);
        }
        var (user, errors) = await first.CreateAsync(input.Token, input.Email, input.DisplayName, input.Password);
        if (user is null)
        {
            foreach (var error in errors)
            {
                ModelState.AddModelError(string.Empty, error);
            }
            return View(input);
        }
        await signIn.SignInAsync(user, isPersistent: false);
        Flash("管理员账号已创建。可以在“账号”里为编辑、记者和通讯员开设账号。");
        return Redirect("/admin");
    }
}
