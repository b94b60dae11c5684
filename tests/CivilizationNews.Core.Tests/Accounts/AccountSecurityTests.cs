using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Validation;
using CivilizationNews.Tests.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CivilizationNews.Core.Tests.Accounts;

public sealed class AccountSecurityTests
{
    private static readonly NewsroomUser Root = new("u-root", "管理员甲", new HashSet<string> { NewsRoles.Admin });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<NewsroomUser> ReporterAsync(AccountsHarness h)
    {
        var created = await h.DeskAsync(d => d.CreateAsync(new NewUserInput
        {
            Email = "jizhe@example.cn", DisplayName = "记者乙", Roles = [NewsRoles.Reporter], Password = "xiaoyan2026pw", ConfirmPassword = "xiaoyan2026pw",
        }, Root, Ct));
        Assert.Equal(SaveOutcome.Saved, created.Outcome);
        return new NewsroomUser(created.Id!, "记者乙", new HashSet<string> { NewsRoles.Reporter });
    }

    private static Task<bool> VerifyAsync(AccountsHarness h, string id, string code) => h.InScopeAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<NewsUser>>();
        return await users.VerifyTwoFactorTokenAsync((await users.FindByIdAsync(id))!, TokenOptions.DefaultAuthenticatorProvider, code);
    });

    [Fact]
    public async Task An_authenticator_code_is_accepted_once()
    {
        await using var h = await AccountsHarness.CreateAsync();
        var reporter = await ReporterAsync(h);
        Assert.Equal(SaveOutcome.Saved, (await h.InScopeAsync(sp => sp.GetRequiredService<AccountSecurity>().NewAuthenticatorKeyAsync(reporter, Ct))).Outcome);
        var key = (await h.InScopeAsync(sp => sp.GetRequiredService<AccountSecurity>().StatusAsync(reporter.Id)))!.PendingKey!;
        var enabled = await h.InScopeAsync(sp => sp.GetRequiredService<AccountSecurity>().EnableTwoFactorAsync(reporter, Totp.NextCode(key), Ct));
        Assert.Equal(SaveOutcome.Saved, enabled.Outcome);
        Assert.Equal(AccountSecurity.RecoveryCodeCount, enabled.RecoveryCodes!.Count);

        var code = Totp.NextCode(key);
        Assert.True(await VerifyAsync(h, reporter.Id, code));
        Assert.False(await VerifyAsync(h, reporter.Id, code));
        Assert.True(await VerifyAsync(h, reporter.Id, Totp.NextCode(key)));
    }

    [Theory]
    [InlineData("qwerty123456")]
    [InlineData("Password1234")]
    [InlineData("baseball2026!")]
    [InlineData("  123456789012  ")]
    public void Common_passwords_and_common_words_padded_with_digits_are_refused(string password) =>
        Assert.True(CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData("lantern river morning")]
    [InlineData("xiaoyan2026pw")]
    [InlineData("Pw-9F3A61C0D2E4")]
    public void Uncommon_passwords_pass(string password) => Assert.False(CommonPasswordValidator.IsCommon(password));

    [Fact]
    public void The_shipped_list_is_loaded_whole() => Assert.Equal(49_233, CommonPasswordValidator.Count);

    [Fact]
    public async Task Passwords_of_64_characters_are_accepted_and_over_128_refused()
    {
        var validator = new CommonPasswordValidator();
        var user = new NewsUser { DisplayName = "某人" };

        Assert.True((await validator.ValidateAsync(null!, user, string.Concat(Enumerable.Repeat("灯火河流 ", 16)))).Succeeded);
        var tooLong = await validator.ValidateAsync(null!, user, new string('x', 129));
        Assert.Equal("密码不超过 128 位。", Assert.Single(tooLong.Errors).Description);
    }
}
