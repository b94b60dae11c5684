using System.Text;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using CivilizationNews.Core.Validation;
using Microsoft.AspNetCore.Identity;

namespace CivilizationNews.Core.Accounts;

/// <summary>
/// A newsroom member's own sign-in security: their password, and two-factor sign-in with an authenticator
/// app (TOTP through Identity's authenticator support, required for 管理员). Each change is audited in the
/// same transaction. Every change renews the security stamp: the caller refreshes its own sign-in, and the
/// user's other sessions end at their next stamp check.
/// </summary>
public sealed class AccountSecurity(NewsDbContext db, UserManager<NewsUser> users, AuditLog audit)
{
    public const int RecoveryCodeCount = 10;

    /// <summary>What the account's security page shows; null when the user is gone.</summary>
    public async Task<SecurityStatus?> StatusAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId).ConfigureAwait(false);
        if (user is null)
        {
            return null;
        }
        var isAdmin = await users.IsInRoleAsync(user, NewsRoles.Admin).ConfigureAwait(false);
        var key = await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false);
        var codesLeft = user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user).ConfigureAwait(false) : 0;
        return new SecurityStatus(user.Email ?? string.Empty, user.MustChangePassword, user.TwoFactorEnabled, isAdmin,
            user.TwoFactorEnabled || string.IsNullOrEmpty(key) ? null : key, codesLeft);
    }

    /// <summary>Replaces the user's password; the current one is required. Clears a pending forced change.</summary>
    public async Task<UserSaveResult> ChangePasswordAsync(NewsroomUser actor, PasswordChangeInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var user = await users.FindByIdAsync(actor.Id).ConfigureAwait(false);
        if (user is null)
        {
            return new(SaveOutcome.NotFound);
        }
        var errors = new FieldErrors();
        if (string.IsNullOrEmpty(input.CurrentPassword))
        {
            errors.Add(nameof(input.CurrentPassword), "请输入当前密码。");
        }
        if (string.IsNullOrEmpty(input.NewPassword))
        {
            errors.Add(nameof(input.NewPassword), "请输入新密码。");
        }
        else if (input.NewPassword != input.ConfirmPassword)
        {
            errors.Add(nameof(input.ConfirmPassword), "两次输入的新密码不一致。");
        }
        else if (input.NewPassword == input.CurrentPassword)
        {
            errors.Add(nameof(input.NewPassword), "新密码不能与当前密码相同。");
        }
        if (!errors.IsValid)
        {
            return new(SaveOutcome.Invalid, user.Id, errors);
        }
        return await InTransactionAsync(async () =>
        {
            user.MustChangePassword = false;
            // Checks the current password, validates the new one (length, common-password list) and renews the stamp.
            var result = await users.ChangePasswordAsync(user, input.CurrentPassword!, input.NewPassword!).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                foreach (var error in result.Errors)
                {
                    errors.Add(error.Code == "PasswordMismatch" ? nameof(input.CurrentPassword) : nameof(input.NewPassword),
                        error.Code == "PasswordMismatch" ? "当前密码不正确。" : error.Description);
                }
                return new UserSaveResult(SaveOutcome.Invalid, user.Id, errors);
            }
            audit.Record(actor.Actor, "account.password-change", "User", user.Id, user.Email);
            return new UserSaveResult(SaveOutcome.Saved, user.Id, Message: "密码已修改。您在其他设备上的登录将失效。");
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates a new authenticator key (before two-factor sign-in is on), so the user can scan it.</summary>
    public async Task<UserSaveResult> NewAuthenticatorKeyAsync(NewsroomUser actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(actor.Id).ConfigureAwait(false);
        if (user is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (user.TwoFactorEnabled)
        {
            return new(SaveOutcome.Refused, user.Id, Message: "两步验证已开启。如需更换手机，请先关闭两步验证（管理员请联系另一位管理员）。");
        }
        return await InTransactionAsync(async () =>
        {
            var result = await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false);
            return result.Succeeded
                ? new UserSaveResult(SaveOutcome.Saved, user.Id, Message: "已生成新的密钥，请用身份验证器应用扫描二维码。")
                : new UserSaveResult(SaveOutcome.Refused, user.Id, Message: Describe(result));
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Turns two-factor sign-in on once the user proves their app shows the right code; returns the recovery codes.</summary>
    public async Task<TwoFactorResult> EnableTwoFactorAsync(NewsroomUser actor, string? code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(actor.Id).ConfigureAwait(false);
        if (user is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (user.TwoFactorEnabled)
        {
            return new(SaveOutcome.Refused, Message: "两步验证已开启。");
        }
        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user).ConfigureAwait(false)))
        {
            return new(SaveOutcome.Refused, Message: "请先生成密钥并用身份验证器应用扫描。");
        }
        var digits = Digits(code);
        if (digits.Length != NewsIdentity.AuthenticatorCodeLength)
        {
            return new(SaveOutcome.Invalid, Message: $"请输入身份验证器应用显示的 {NewsIdentity.AuthenticatorCodeLength} 位数字验证码。");
        }
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits).ConfigureAwait(false))
            {
                return new(SaveOutcome.Invalid, Message: "验证码不正确或已过期，请输入应用中当前显示的验证码（并确认手机时间准确）。");
            }
            var result = await users.SetTwoFactorEnabledAsync(user, true).ConfigureAwait(false);
            var codes = result.Succeeded ? await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount).ConfigureAwait(false) : null;
            if (codes is null)
            {
                db.ChangeTracker.Clear();
                return new(SaveOutcome.Refused, Message: Describe(result));
            }
            audit.Record(actor.Actor, "account.2fa-enable", "User", user.Id, user.Email);
            await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
            return new(SaveOutcome.Saved, codes.ToList(), "两步验证已开启。请把下面的恢复码抄写或打印后妥善保管：手机丢失时，每个恢复码可代替验证码登录一次。");
        }
    }

    /// <summary>New recovery codes; the old ones stop working.</summary>
    public async Task<TwoFactorResult> NewRecoveryCodesAsync(NewsroomUser actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(actor.Id).ConfigureAwait(false);
        if (user is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (!user.TwoFactorEnabled)
        {
            return new(SaveOutcome.Refused, Message: "两步验证尚未开启，没有恢复码。");
        }
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var codes = await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount).ConfigureAwait(false);
            if (codes is null)
            {
                db.ChangeTracker.Clear();
                return new(SaveOutcome.Refused, Message: "未能生成恢复码，请重试。");
            }
            audit.Record(actor.Actor, "account.2fa-recovery-codes", "User", user.Id, user.Email);
            await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
            return new(SaveOutcome.Saved, codes.ToList(), "已生成新的恢复码，旧的恢复码已作废。请妥善保管。");
        }
    }

    /// <summary>Turns two-factor sign-in off (the password is asked again). Refused for 管理员, who must keep it.</summary>
    public async Task<UserSaveResult> DisableTwoFactorAsync(NewsroomUser actor, string? password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(actor.Id).ConfigureAwait(false);
        if (user is null)
        {
            return new(SaveOutcome.NotFound);
        }
        if (await users.IsInRoleAsync(user, NewsRoles.Admin).ConfigureAwait(false))
        {
            return new(SaveOutcome.Refused, user.Id, Message: "管理员必须使用两步验证，不能关闭。");
        }
        if (!user.TwoFactorEnabled)
        {
            return new(SaveOutcome.Refused, user.Id, Message: "两步验证尚未开启。");
        }
        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password).ConfigureAwait(false))
        {
            return new(SaveOutcome.Refused, user.Id, Message: "密码不正确，两步验证未关闭。");
        }
        return await InTransactionAsync(async () =>
        {
            var result = await users.SetTwoFactorEnabledAsync(user, false).ConfigureAwait(false);
            if (result.Succeeded)
            {
                // A later enrolment starts from a new key: a key seen before is not trusted again.
                result = await users.ResetAuthenticatorKeyAsync(user).ConfigureAwait(false);
            }
            if (!result.Succeeded)
            {
                return new UserSaveResult(SaveOutcome.Refused, user.Id, Message: Describe(result));
            }
            audit.Record(actor.Actor, "account.2fa-disable", "User", user.Id, user.Email);
            return new UserSaveResult(SaveOutcome.Saved, user.Id, Message: "两步验证已关闭。");
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The otpauth URI that authenticator apps read from the QR code (Key Uri Format).</summary>
    public static string AuthenticatorUri(string issuer, string email, string key) =>
        $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString(issuer)}&digits={NewsIdentity.AuthenticatorCodeLength}";

    /// <summary>The key in groups of four, as people type it.</summary>
    public static string FormatKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }
        return text.ToString().TrimEnd().ToLowerInvariant();
    }

    /// <summary>The digits of a typed code ("123 456" → "123456").</summary>
    public static string Digits(string? code) => new((code ?? string.Empty).Where(c => c is not (' ' or '-')).ToArray());

    private async Task<UserSaveResult> InTransactionAsync(Func<Task<UserSaveResult>> change, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var result = await change().ConfigureAwait(false);
            if (result.Outcome != SaveOutcome.Saved)
            {
                db.ChangeTracker.Clear();
                return result;
            }
            await CommitAsync(transaction, cancellationToken).ConfigureAwait(false);
            return result;
        }
    }

    private async Task CommitAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string Describe(IdentityResult result) => string.Join(" ", result.Errors.Select(e => e.Description));
}

/// <summary>A password change: the current password and the new one twice.</summary>
public sealed class PasswordChangeInput
{
    public string? CurrentPassword { get; set; }
    public string? NewPassword { get; set; }
    public string? ConfirmPassword { get; set; }
}

/// <summary>
/// An account's sign-in security. <see cref="PendingKey"/> is the authenticator key while two-factor sign-in
/// is being set up (null once it is on: the key is shown only during enrolment).
/// </summary>
public sealed record SecurityStatus(string Email, bool MustChangePassword, bool TwoFactorEnabled, bool IsAdmin, string? PendingKey, int RecoveryCodesLeft);

/// <summary>How a two-factor change ended; <see cref="RecoveryCodes"/> are shown once.</summary>
public sealed record TwoFactorResult(SaveOutcome Outcome, IReadOnlyList<string>? RecoveryCodes = null, string? Message = null);
