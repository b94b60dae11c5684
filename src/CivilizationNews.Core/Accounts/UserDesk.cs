using System.ComponentModel.DataAnnotations;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Validation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CivilizationNews.Core.Accounts;

/// <summary>
/// 账号: administrators open accounts (there is no self-registration), change roles, lock and unlock,
/// and set a new password — through Identity's <see cref="UserManager{TUser}"/>, whose store shares this
/// scope's context, so every change commits in one transaction with its audit record. An administrator
/// cannot lock themselves out or remove their own administrator role, so the acting administrator always
/// remains one.
/// </summary>
public sealed class UserDesk(NewsDbContext db, UserManager<NewsUser> users, AuditLog audit, TimeProvider clock)
{
    public const int DisplayNameMaxLength = 50;
    public const int EmailMaxLength = 256;

    public async Task<IReadOnlyList<UserRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var accounts = await db.Users.OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.UnitId, u.ContributorId, u.LockoutEnd, u.CreatedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var memberships = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id select new { ur.UserId, r.Name })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var units = await db.Units.Where(u => db.Users.Any(x => x.UnitId == u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.ShortName, cancellationToken).ConfigureAwait(false);
        var contributors = await db.Contributors.Where(c => db.Users.Any(x => x.ContributorId == c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken).ConfigureAwait(false);
        return accounts.Select(u => new UserRow(
            u.Id, u.Email ?? string.Empty, u.DisplayName,
            NewsRoles.All.Where(r => memberships.Any(m => m.UserId == u.Id && m.Name == r)).ToList(),
            u.UnitId is { } unit ? units.GetValueOrDefault(unit) : null,
            u.ContributorId is { } c ? contributors.GetValueOrDefault(c) : null,
            u.LockoutEnd > now, u.CreatedAt)).ToList();
    }

    /// <summary>The roles, units and contributors the account forms offer.</summary>
    public async Task<UserChoices> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        var units = await db.Units.OrderBy(u => u.Name).Select(u => new AccountChoice(u.Id, u.Name))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var contributors = await db.Contributors.OrderBy(c => c.Name)
            .Select(c => new AccountChoice(c.Id, c.Organisation == null ? c.Name : c.Name + "（" + c.Organisation + "）"))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new UserChoices(NewsRoles.All, units, contributors);
    }

    /// <summary>An account's state (as <paramref name="actor"/> sees it: is it their own?) and its form's values; null when there is none.</summary>
    public async Task<UserEditing?> LoadAsync(string id, NewsroomUser actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(id).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }
        var input = new UserEditInput
        {
            Email = user.Email, DisplayName = user.DisplayName, UnitId = user.UnitId, ContributorId = user.ContributorId,
            Roles = (await users.GetRolesAsync(user).ConfigureAwait(false)).ToList(), ConcurrencyStamp = user.ConcurrencyStamp,
        };
        return new UserEditing(Account(user, actor), input);
    }

    public async Task<UserSaveResult> CreateAsync(NewUserInput input, NewsroomUser actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var (errors, wanted) = await ValidateAsync(input, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(input.Password))
        {
            errors.Add(nameof(input.Password), "请为新账号设置初始密码，并告知本人登录后自行保管。");
        }
        else if (input.Password != input.ConfirmPassword)
        {
            errors.Add(nameof(input.ConfirmPassword), "两次输入的密码不一致。");
        }
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, Errors: errors);
        }

        var email = FieldErrors.Clean(input.Email)!;
        var name = FieldErrors.Clean(input.DisplayName)!;
        var user = new NewsUser
        {
            UserName = email, Email = email, DisplayName = name, UnitId = input.UnitId, ContributorId = input.ContributorId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            // The administrator knows this password: the user replaces it at their first sign-in.
            MustChangePassword = true,
        };
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var result = await users.CreateAsync(user, input.Password!).ConfigureAwait(false);
            if (result.Succeeded)
            {
                result = await users.AddToRolesAsync(user, wanted).ConfigureAwait(false);
            }
            if (!result.Succeeded)
            {
                db.ChangeTracker.Clear();
                return new(SaveOutcome.Invalid, Errors: IdentityErrors(result));
            }
            audit.Record(actor.Actor, "user.create", "User", user.Id, $"{email}（{RoleLabels(wanted)}）");
            await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, user.Id, Message: $"已为 {name} 开设账号（{RoleLabels(wanted)}）。请把登录邮箱和初始密码当面或通过安全渠道告知本人；本人首次登录时须改为自己的密码。");
    }

    /// <summary>
    /// Saves the profile and roles. A changed concurrency stamp (the user signed in, changed their password,
    /// or another administrator saved) is a <see cref="SaveOutcome.Conflict"/>; nothing is written.
    /// </summary>
    public async Task<UserSaveResult> UpdateAsync(string id, UserEditInput input, NewsroomUser actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(id).ConfigureAwait(false);
        if (user is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (user.ConcurrencyStamp != input.ConcurrencyStamp)
        {
            return new(SaveOutcome.Conflict, id, Message: "保存未成功：您编辑期间，这个账号已被修改（可能是本人登录、改密码或其他管理员的操作）。请查看最新内容后重新修改。");
        }
        var (errors, wanted) = await ValidateAsync(input, cancellationToken).ConfigureAwait(false);
        if (user.Id == actor.Id && !wanted.Contains(NewsRoles.Admin))
        {
            errors.Add(nameof(input.Roles), "不能取消自己的管理员角色，以免无人管理账号。请由另一位管理员操作。");
        }
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, id, errors);
        }

        var email = FieldErrors.Clean(input.Email)!;
        var name = FieldErrors.Clean(input.DisplayName)!;
        var current = await users.GetRolesAsync(user).ConfigureAwait(false);
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
        if (user.UnitId != input.UnitId)
        {
            changes.Add("所属单位");
        }
        if (user.ContributorId != input.ContributorId)
        {
            changes.Add("作者关联");
        }
        if (added.Count + removed.Count > 0)
        {
            changes.Add($"角色 {RoleLabels(current.Where(NewsRoles.All.Contains))} → {RoleLabels(wanted)}");
        }
        if (changes.Count == 0)
        {
            return new(SaveOutcome.Saved, id, Message: "没有需要保存的修改。");
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            user.Email = email;
            user.UserName = email;
            user.DisplayName = name;
            user.UnitId = input.UnitId;
            user.ContributorId = input.ContributorId;
            // UpdateAsync normalizes the email and user name, checks uniqueness and the concurrency stamp.
            var result = await users.UpdateAsync(user).ConfigureAwait(false);
            if (result.Succeeded && removed.Count > 0)
            {
                result = await users.RemoveFromRolesAsync(user, removed).ConfigureAwait(false);
            }
            if (result.Succeeded && added.Count > 0)
            {
                result = await users.AddToRolesAsync(user, added).ConfigureAwait(false);
            }
            if (result.Succeeded && added.Count + removed.Count > 0)
            {
                // A new security stamp makes the user's open sessions pick up the new roles (or lose the old ones).
                result = await users.UpdateSecurityStampAsync(user).ConfigureAwait(false);
            }
            if (!result.Succeeded)
            {
                db.ChangeTracker.Clear();
                return new(SaveOutcome.Invalid, id, IdentityErrors(result));
            }
            audit.Record(actor.Actor, added.Count + removed.Count > 0 ? "user.roles" : "user.update", "User", user.Id,
                $"{email}：{string.Join("；", changes)}");
            await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, id, Message: "账号已保存。");
    }

    /// <summary>Locks the account until unlocked and ends its open sessions. Nobody locks their own account.</summary>
    public async Task<UserSaveResult> LockAsync(string id, NewsroomUser actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(id).ConfigureAwait(false);
        if (user is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (user.Id == actor.Id)
        {
            return new(SaveOutcome.Refused, id, Message: "不能锁定自己的账号。");
        }
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var result = await users.SetLockoutEnabledAsync(user, true).ConfigureAwait(false);
            if (result.Succeeded)
            {
                result = await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue).ConfigureAwait(false);
            }
            if (result.Succeeded)
            {
                result = await users.UpdateSecurityStampAsync(user).ConfigureAwait(false);
            }
            if (!result.Succeeded)
            {
                db.ChangeTracker.Clear();
                return new(SaveOutcome.Refused, id, Message: Describe(result));
            }
            audit.Record(actor.Actor, "user.lock", "User", user.Id, user.Email);
            await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, id, Message: $"已锁定 {user.DisplayName} 的账号，其已登录的会话也将失效。");
    }

    /// <summary>Unlocks an account (locked by an administrator or by failed sign-ins) and forgets its failed sign-ins.</summary>
    public async Task<UserSaveResult> UnlockAsync(string id, NewsroomUser actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(id).ConfigureAwait(false);
        if (user is null)
        {
            return new(SaveOutcome.NotFound);
        }
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var result = await users.SetLockoutEndDateAsync(user, null).ConfigureAwait(false);
            if (result.Succeeded)
            {
                result = await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
            }
            if (!result.Succeeded)
            {
                db.ChangeTracker.Clear();
                return new(SaveOutcome.Refused, id, Message: Describe(result));
            }
            audit.Record(actor.Actor, "user.unlock", "User", user.Id, user.Email);
            await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, id, Message: $"已解锁 {user.DisplayName} 的账号。");
    }

    /// <summary>Sets a password the administrator types (for a colleague who forgot theirs); open sessions end.</summary>
    public async Task<UserSaveResult> ResetPasswordAsync(string id, PasswordResetInput input, NewsroomUser actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(id).ConfigureAwait(false);
        if (user is null)
        {
            return new(SaveOutcome.NotFound);
        }
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(input.Password))
        {
            errors.Add(nameof(input.Password), "请输入新密码。");
        }
        else if (input.Password != input.ConfirmPassword)
        {
            errors.Add(nameof(input.ConfirmPassword), "两次输入的密码不一致，密码未修改。");
        }
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, id, errors);
        }
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user).ConfigureAwait(false);
            // The administrator knows the new password: the user replaces it at their next sign-in.
            user.MustChangePassword = true;
            // ResetPasswordAsync validates the password, renews the security stamp and saves the flag with it.
            var result = await users.ResetPasswordAsync(user, token, input.Password!).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                db.ChangeTracker.Clear();
                errors.Add(nameof(input.Password), "密码未修改：" + Describe(result));
                return new(SaveOutcome.Invalid, id, errors);
            }
            audit.Record(actor.Actor, "user.password-reset", "User", user.Id, user.Email);
            await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, id, Message: $"已为 {user.DisplayName} 设置新密码，其已登录的会话将失效。请通过安全渠道告知本人；本人下次登录时须改为自己的密码。");
    }

    /// <summary>
    /// For a colleague who lost both phone and recovery codes: turns their two-factor sign-in off, forgets the
    /// authenticator key and the codes, and ends their sessions. An administrator so reset must enrol again
    /// before anything else (the admin's account steps). Nobody resets their own: that is the 两步验证 page.
    /// </summary>
    public async Task<UserSaveResult> ResetTwoFactorAsync(string id, NewsroomUser actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(id).ConfigureAwait(false);
        if (user is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (user.Id == actor.Id)
        {
            return new(SaveOutcome.Refused, id, Message: "不能在这里重置自己的两步验证，请到“两步验证”页面操作。");
        }
        if (!user.TwoFactorEnabled)
        {
            return new(SaveOutcome.Refused, id, Message: $"{user.DisplayName} 没有开启两步验证。");
        }
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var result = await users.SetTwoFactorEnabledAsync(user, false).ConfigureAwait(false);
            if (result.Succeeded)
            {
                // A new key (the old one may be on a lost phone); renews the stamp too. The old recovery codes are
                // worthless while two-factor sign-in is off, and enrolling again replaces them.
                result = await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false);
            }
            if (!result.Succeeded)
            {
                db.ChangeTracker.Clear();
                return new(SaveOutcome.Refused, id, Message: Describe(result));
            }
            audit.Record(actor.Actor, "user.2fa-reset", "User", user.Id, user.Email);
            await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
        }
        return new(SaveOutcome.Saved, id, Message: $"已关闭 {user.DisplayName} 的两步验证，其已登录的会话将失效。本人下次登录后可重新开启（管理员必须重新开启）。");
    }

    public static string RoleLabels(IEnumerable<string> names) => string.Join("、", names.Select(NewsRoles.Label));

    private UserAccount Account(NewsUser user, NewsroomUser actor) =>
        new(user.Id, user.DisplayName, user.LockoutEnd > clock.GetUtcNow(), user.LockoutEnd, user.AccessFailedCount, user.Id == actor.Id, user.CreatedAt,
            user.TwoFactorEnabled);

    /// <summary>The fields both forms share, and the newsroom roles asked for that exist.</summary>
    private async Task<(FieldErrors Errors, List<string> Roles)> ValidateAsync(UserInput input, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var email = FieldErrors.Clean(input.Email);
        if (email is null)
        {
            errors.Add(nameof(input.Email), "请填写邮箱（登录名）。");
        }
        else if (email.Length > EmailMaxLength || !new EmailAddressAttribute().IsValid(email))
        {
            errors.Add(nameof(input.Email), "邮箱格式不正确。");
        }
        var name = FieldErrors.Clean(input.DisplayName);
        if (name is null)
        {
            errors.Add(nameof(input.DisplayName), "请填写姓名。");
        }
        else if (name.Length > DisplayNameMaxLength)
        {
            errors.Add(nameof(input.DisplayName), $"姓名不超过 {DisplayNameMaxLength} 字。");
        }

        var existing = await db.Roles.Where(r => r.Name != null).Select(r => r.Name!).ToListAsync(cancellationToken).ConfigureAwait(false);
        var wanted = NewsRoles.All.Where(r => input.Roles.Contains(r, StringComparer.Ordinal) && existing.Contains(r, StringComparer.Ordinal)).ToList();
        if (wanted.Count == 0)
        {
            errors.Add(nameof(input.Roles), "请至少选择一个角色。");
        }

        if (input.UnitId is { } unit && !await db.Units.AnyAsync(u => u.Id == unit, cancellationToken).ConfigureAwait(false))
        {
            errors.Add(nameof(input.UnitId), "所选单位不存在。");
        }
        if (input.ContributorId is { } c && !await db.Contributors.AnyAsync(x => x.Id == c, cancellationToken).ConfigureAwait(false))
        {
            errors.Add(nameof(input.ContributorId), "所选作者不存在。");
        }
        return (errors, wanted);
    }

    /// <summary>Identity's refusals (worded by the app's error describer) beside the field they are about.</summary>
    private static FieldErrors IdentityErrors(IdentityResult result)
    {
        var errors = new FieldErrors();
        foreach (var error in result.Errors)
        {
            var field = error.Code.Contains("Password", StringComparison.Ordinal) ? nameof(NewUserInput.Password)
                : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal) ? nameof(UserInput.Email)
                : string.Empty;
            errors.Add(field, error.Description);
        }
        return errors;
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));

    /// <summary>Writes the audit record (Identity's store has saved the account already) and commits both.</summary>
    private async Task CommitAsync(IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
