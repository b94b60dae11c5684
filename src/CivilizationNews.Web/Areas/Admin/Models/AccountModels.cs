using System.ComponentModel.DataAnnotations;

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
    [StringLength(128, MinimumLength = 10, ErrorMessage = "密码至少10位。")]
    [DataType(DataType.Password)]
    [Display(Name = "密码")]
    public string Password { get; set; } = string.Empty;

    [Compare(nameof(Password), ErrorMessage = "两次输入的密码不一致。")]
    [DataType(DataType.Password)]
    [Display(Name = "确认密码")]
    public string ConfirmPassword { get; set; } = string.Empty;
}
