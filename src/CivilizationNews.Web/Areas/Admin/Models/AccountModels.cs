using System.ComponentModel.DataAnnotations;
using CivilizationNews.Core.Accounts;

namespace CivilizationNews.Web.Areas.Admin.Models;

public sealed class LoginInput
{
    [Required(ErrorMessage = "请输入邮箱。")]
    [Display(Name = "邮箱")]
    public string Email { get; set; } = string.Empty;

    [Required(ErrorMessage = "请输入密码。")]
    [DataType(DataType.Password)]
    [Display(Name = "密码")]
    public string Password { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }
}

public sealed class SetupInput
{
    public string Token { get; set; } = string.Empty;

    [Required(ErrorMessage = "请输入邮箱。")]
    [EmailAddress(ErrorMessage = "邮箱格式不正确。")]
    [Display(Name = "邮箱（登录名）")]
    public string Email { get; set; } = string.Empty;

    [Required(ErrorMessage = "请输入姓名。")]
    [StringLength(50, ErrorMessage = "姓名不超过50字。")]
    [Display(Name = "姓名")]
    public string DisplayName { get; set; } = string.Empty;

    [Required(ErrorMessage = "请设置密码。")]
    [StringLength(128, MinimumLength = NewsIdentity.MinimumPasswordLength, ErrorMessage = "密码至少12位，最多128位。")]
    [DataType(DataType.Password)]
    [Display(Name = "密码")]
    public string Password { get; set; } = string.Empty;

    [Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致。")]
    [DataType(DataType.Password)]
    [Display(Name = "确认密码")]
    public string ConfirmPassword { get; set; } = string.Empty;
}

/// <summary>The second sign-in step: the authenticator app's code, or a recovery code.</summary>
public sealed class TwoFactorSignInInput
{
    [Display(Name = "验证码")]
    public string? Code { get; set; }

    public string? ReturnUrl { get; set; }
}

/// <summary>The password page: whether the change is required, and the form.</summary>
public sealed record PasswordPage(bool Required, PasswordChangeInput Form);

/// <summary>
/// The two-factor page. <see cref="QrDataUri"/> and <see cref="ManualKey"/> are set while enrolling;
/// <see cref="RecoveryCodes"/> right after they were made (shown once).
/// </summary>
public sealed record TwoFactorPage(SecurityStatus Status, string? QrDataUri, string? ManualKey, IReadOnlyList<string> RecoveryCodes);
