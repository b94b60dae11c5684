using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Web.Areas.Admin.Models;
using CivilizationNews.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Areas.Admin.Controllers;

/// <summary>
/// 账号: administrators open accounts (there is no self-registration), change roles, lock and unlock,
/// and set a new password. Every change is audited in the same transaction as the change itself.
/// An administrator cannot lock themselves out or remove their own administrator role.
/// </summary>
[Route("admin/users")]
[Authorize(Policy = NewsroomSetup.AdminPolicy)]
public sealed class UsersController(
    NewsDbContext db, UserManager<NewsUser> users, RoleManager<IdentityRole> roles, AuditLog audit, TimeProvider clock) : AdminController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "账号";
        var now = clock.GetUtcNow();
        var accounts = await db.Users.OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.UnitId, u.ContributorId, u.LockoutEnd, u.CreatedAt })
            .ToListAsync(cancellationToken);
        var memberships = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken);
        var units = await db.Units.Where(u => db.Users.Any(x => x.UnitId == u.Id)).ToDictionaryAsync(u => u.Id, u => u.ShortName, cancellationToken);
        var contributors = await db.Contributors.Where(c => db.Users.Any(x => x.ContributorId == c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var rows = accounts.Select(u => new UserRowView(
            u.Id, u.Email ?? string.Empty, u.DisplayName,
            NewsRoles.All.Where(r => memberships.Any(m => m.UserId == u.Id && m.Name == r)).ToList(),
            u.UnitId is { } unit ? units.GetValueOrDefault(unit) : null,
            u.ContributorId is { } c ? contributors.GetValueOrDefault(c) : null,
            u.LockoutEnd > now, u.CreatedAt)).ToList();
        return View(rows);
    }

    [HttpGet("create")]
    public async Task<IActionResult> Create(CancellationToken cancellationToken)
    {
        ViewData["Title"] = "开设账号";
        return View(new UserCreatePage(new UserCreateForm(), await ChoicesAsync(cancellationToken)));
    }

    [HttpPost("create")]
    public async Task<IActionResult> Create(UserCreateForm form, CancellationToken cancellationToken)
    {
        ViewData["Title"] = "开设账号";
        ModelState.Clear();
        var email = FormValues.Clean(form.Email);
        var name = FormValues.Clean(form.DisplayName);
        ValidateIdentity(email, name);
        var wanted = await ValidateRolesAsync(form.Roles);
        await ValidateLinksAsync(form.UnitId, form.ContributorId, cancellationToken);
        if (string.IsNullOrEmpty(form.Password))
        {
            ModelState.AddModelError(nameof(form.Password), "请为新账号设置初始密码，并告知本人登录后自行保管。");
        }
        else if (form.Password != form.ConfirmPassword)
        {
            ModelState.AddModelError(nameof(form.ConfirmPassword), "两次输入的密码不一致。");
        }
        if (ModelState.IsValid)
        {
            var user = new NewsUser
            {
                UserName = email, Email = email, DisplayName = name!, UnitId = form.UnitId, ContributorId = form.ContributorId,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var result = await users.CreateAsync(user, form.Password!);
            if (result.Succeeded)
            {
                result = await users.AddToRolesAsync(user, wanted);
            }
            if (result.Succeeded)
            {
                audit.Record(CurrentUser.Actor, "user.create", "User", user.Id, $"{email}（{RoleLabels(wanted)}）");
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                Flash($"已为 {name} 开设账号（{RoleLabels(wanted)}）。请把登录邮箱和初始密码当面或通过安全渠道告知本人。");
                return Redirect($"/admin/users/{user.Id}");
            }
            AddIdentityErrors(result);
        }
        form.Password = null;
        form.ConfirmPassword = null;
        return View(new UserCreatePage(form, await ChoicesAsync(cancellationToken)));
    }

    [HttpGet("{id}")]
    public async Task<IActionResult> Edit(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        ViewData["Title"] = $"账号：{user.DisplayName}";
        var form = new UserEditForm
        {
            Email = user.Email, DisplayName = user.DisplayName, UnitId = user.UnitId, ContributorId = user.ContributorId,
            Roles = (await users.GetRolesAsync(user)).ToList(), ConcurrencyStamp = user.ConcurrencyStamp,
        };
        return View(await EditPageAsync(user, form, cancellationToken));
    }

    [HttpPost("{id}")]
    public async Task<IActionResult> Edit(string id, UserEditForm form, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        ViewData["Title"] = $"账号：{user.DisplayName}";
        ModelState.Clear();
        if (user.ConcurrencyStamp != form.ConcurrencyStamp)
        {
            FlashError("保存未成功：您编辑期间，这个账号已被修改（可能是本人登录、改密码或其他管理员的操作）。请查看最新内容后重新修改。");
            return Redirect($"/admin/users/{id}");
        }
        var email = FormValues.Clean(form.Email);
        var name = FormValues.Clean(form.DisplayName);
        ValidateIdentity(email, name);
        var wanted = await ValidateRolesAsync(form.Roles);
        await ValidateLinksAsync(form.UnitId, form.ContributorId, cancellationToken);
        var isSelf = user.Id == CurrentUser.Id;
        if (isSelf && !wanted.Contains(NewsRoles.Admin))
        {
            ModelState.AddModelError(nameof(form.Roles), "不能取消自己的管理员角色，以免无人管理账号。请由另一位管理员操作。");
        }
        if (!ModelState.IsValid)
        {
            return View(await EditPageAsync(user, form, cancellationToken));
        }

        var current = await users.GetRolesAsync(user);
        var added = wanted.Except(current).ToList();
        var removed = current.Where(NewsRoles.All.Contains).Except(wanted).ToList();
        var changes = new List<string>();
        if (!string.Equals(user.Email, email, StringComparison.OrdinalIgnoreCase))
        {
            changes.Add($"邮箱 {user.Email} → {email}");
        }
        if (user.DisplayName != name)
        {
            changes.Add($"姓名 {user.DisplayName} → {name}");
        }
        if (user.UnitId != form.UnitId)
        {
            changes.Add("所属单位");
        }
        if (user.ContributorId != form.ContributorId)
        {
            changes.Add("作者关联");
        }
        if (added.Count + removed.Count > 0)
        {
            changes.Add($"角色 {RoleLabels(current.Where(NewsRoles.All.Contains))} → {RoleLabels(wanted)}");
        }
        if (changes.Count == 0)
        {
            Flash("没有需要保存的修改。");
            return Redirect($"/admin/users/{id}");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.Email = email;
        user.UserName = email;
        user.DisplayName = name!;
        user.UnitId = form.UnitId;
        user.ContributorId = form.ContributorId;
        // UpdateAsync normalizes the email and user name, checks uniqueness and the concurrency stamp.
        var result = await users.UpdateAsync(user);
        if (result.Succeeded && removed.Count > 0)
        {
            result = await users.RemoveFromRolesAsync(user, removed);
        }
        if (result.Succeeded && added.Count > 0)
        {
            result = await users.AddToRolesAsync(user, added);
        }
        if (result.Succeeded && added.Count + removed.Count > 0)
        {
            // A new security stamp makes the user's open sessions pick up the new roles (or lose the old ones).
            result = await users.UpdateSecurityStampAsync(user);
        }
        if (!result.Succeeded)
        {
            AddIdentityErrors(result);
            return View(await EditPageAsync(user, form, cancellationToken));
        }
        audit.Record(CurrentUser.Actor, added.Count + removed.Count > 0 ? "user.roles" : "user.update", "User", user.Id,
            $"{email}：{string.Join("；", changes)}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Flash("账号已保存。");
        return Redirect($"/admin/users/{id}");
    }

    /// <summary>Locks the account until unlocked, and ends its open sessions.</summary>
    [HttpPost("{id}/lock")]
    public async Task<IActionResult> Lock(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (user.Id == CurrentUser.Id)
        {
            FlashError("不能锁定自己的账号。");
            return Redirect($"/admin/users/{id}");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.SetLockoutEnabledAsync(user, true);
        if (result.Succeeded)
        {
            result = await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        }
        if (result.Succeeded)
        {
            result = await users.UpdateSecurityStampAsync(user);
        }
        if (!result.Succeeded)
        {
            FlashError(string.Join(" ", result.Errors.Select(e => e.Description)));
            return Redirect($"/admin/users/{id}");
        }
        audit.Record(CurrentUser.Actor, "user.lock", "User", user.Id, user.Email);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Flash($"已锁定 {user.DisplayName} 的账号，其已登录的会话也将失效。");
        return Redirect($"/admin/users/{id}");
    }

    [HttpPost("{id}/unlock")]
    public async Task<IActionResult> Unlock(string id, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await users.SetLockoutEndDateAsync(user, null);
        if (result.Succeeded)
        {
            result = await users.ResetAccessFailedCountAsync(user);
        }
        if (!result.Succeeded)
        {
            FlashError(string.Join(" ", result.Errors.Select(e => e.Description)));
            return Redirect($"/admin/users/{id}");
        }
        audit.Record(CurrentUser.Actor, "user.unlock", "User", user.Id, user.Email);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Flash($"已解锁 {user.DisplayName} 的账号。");
        return Redirect($"/admin/users/{id}");
    }

    /// <summary>Sets a password the administrator types (for a colleague who forgot theirs); open sessions end.</summary>
    [HttpPost("{id}/password")]
    public async Task<IActionResult> ResetPassword(string id, string? password, string? confirmPassword, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return NotFound();
        }
        if (string.IsNullOrEmpty(password))
        {
            FlashError("请输入新密码。");
            return Redirect($"/admin/users/{id}#password");
        }
        if (password != confirmPassword)
        {
            FlashError("两次输入的密码不一致，密码未修改。");
            return Redirect($"/admin/users/{id}#password");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        // ResetPasswordAsync validates the password and renews the security stamp.
        var result = await users.ResetPasswordAsync(user, token, password);
        if (!result.Succeeded)
        {
            FlashError("密码未修改：" + string.Join(" ", result.Errors.Select(e => e.Description)));
            return Redirect($"/admin/users/{id}#password");
        }
        audit.Record(CurrentUser.Actor, "user.password-reset", "User", user.Id, user.Email);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Flash($"已为 {user.DisplayName} 设置新密码，其已登录的会话将失效。请通过安全渠道告知本人。");
        return Redirect($"/admin/users/{id}");
    }

    private void ValidateIdentity(string? email, string? name)
    {
        if (email is null)
        {
            ModelState.AddModelError("Email", "请填写邮箱（登录名）。");
        }
        else if (email.Length > 256 || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
        {
            ModelState.AddModelError("Email", "邮箱格式不正确。");
        }
        if (name is null)
        {
            ModelState.AddModelError("DisplayName", "请填写姓名。");
        }
        else if (name.Length > 50)
        {
            ModelState.AddModelError("DisplayName", "姓名不超过 50 字。");
        }
    }

    private async Task<List<string>> ValidateRolesAsync(IEnumerable<string> requested)
    {
        var wanted = new List<string>();
        foreach (var role in NewsRoles.All.Where(r => requested.Contains(r, StringComparer.Ordinal)))
        {
            if (await roles.RoleExistsAsync(role))
            {
                wanted.Add(role);
            }
        }
        if (wanted.Count == 0)
        {
            ModelState.AddModelError("Roles", "请至少选择一个角色。");
        }
        return wanted;
    }

    private async Task ValidateLinksAsync(int? unitId, int? contributorId, CancellationToken cancellationToken)
    {
        if (unitId is { } unit && !await db.Units.AnyAsync(u => u.Id == unit, cancellationToken))
        {
            ModelState.AddModelError("UnitId", "所选单位不存在。");
        }
        if (contributorId is { } c && !await db.Contributors.AnyAsync(x => x.Id == c, cancellationToken))
        {
            ModelState.AddModelError("ContributorId", "所选作者不存在。");
        }
    }

    private void AddIdentityErrors(IdentityResult result)
    {
        foreach (var error in result.Errors)
        {
            var key = error.Code.Contains("Password", StringComparison.Ordinal) ? "Password"
                : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? "Email"
                : string.Empty;
            ModelState.AddModelError(key, error.Description);
        }
    }

    private async Task<UserEditPage> EditPageAsync(NewsUser user, UserEditForm form, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return new UserEditPage(user.Id, form, await ChoicesAsync(cancellationToken), user.LockoutEnd > now, user.LockoutEnd,
            user.AccessFailedCount, user.Id == CurrentUser.Id, user.CreatedAt);
    }

    private async Task<UserChoices> ChoicesAsync(CancellationToken cancellationToken)
    {
        var units = await db.Units.OrderBy(u => u.Name).Select(u => new ChoiceOption(u.Id, u.Name)).ToListAsync(cancellationToken);
        var contributors = await db.Contributors.OrderBy(c => c.Name)
            .Select(c => new ChoiceOption(c.Id, c.Organisation == null ? c.Name : c.Name + "（" + c.Organisation + "）"))
            .ToListAsync(cancellationToken);
        return new UserChoices(NewsRoles.All, units, contributors);
    }

    private static string RoleLabels(IEnumerable<string> names) => string.Join("、", names.Select(NewsRoles.Label));
}
