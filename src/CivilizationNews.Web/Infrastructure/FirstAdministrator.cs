using System.Security.Cryptography;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Auditing;
using CivilizationNews.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>
/// Bootstraps the first administrator without any default password: while the database has no
/// users, start-up logs a one-time link with a random token (valid one hour) to the setup page.
/// </summary>
public sealed partial class FirstAdministrator(NewsDbContext db, UserManager<NewsUser> users, RoleManager<IdentityRole> roles,
    AuditLog audit, TimeProvider clock, ILogger<FirstAdministrator> logger)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    public async Task EnsureRolesAsync()
    {
        foreach (var role in NewsRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    /// <summary>Issues and logs a setup link when there is no user yet. Returns the token (for tests), or null.</summary>
    public async Task<string?> IssueSetupTokenIfNoUsersAsync(string? baseUrl)
    {
        if (await db.Users.AnyAsync())
        {
            return null;
        }
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        db.SetupTokens.Add(new SetupToken { TokenHash = Hash(token), CreatedAt = now, ExpiresAt = now + TokenLifetime });
        await db.SaveChangesAsync();
        if (baseUrl is not null)
        {
            var url = SetupUrl(baseUrl, token);
            LogSetupLink(logger, url);
        }
        return token;
    }

    public async Task<bool> IsValidAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return false;
        }
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.SetupTokens.AnyAsync(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now)
            && !await db.Users.AnyAsync();
    }

    /// <summary>
    /// Creates the administrator and spends the token. The token is marked used by a conditional update
    /// (unused and unexpired) inside the transaction, before the account is made: of two posts with the same
    /// token, even at the same moment, one updates the row and the other updates none and is refused. If the
    /// account cannot be made (a refused password) the transaction rolls back and the token stays usable.
    /// Errors are Chinese messages for the form.
    /// </summary>
    public async Task<(NewsUser? User, IReadOnlyList<string> Errors)> CreateAsync(string token, string email, string displayName, string password)
    {
        IReadOnlyList<string> invalid = ["设置链接无效或已过期，请重启服务获取新的链接，或使用 create-user 命令创建管理员。"];
        if (!await IsValidAsync(token))
        {
            return (null, invalid);
        }
        var hash = Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        var transaction = await db.Database.BeginTransactionAsync();
        await using (transaction)
        {
            var claimed = await db.SetupTokens.Where(t => t.TokenHash == hash && t.UsedAt == null && t.ExpiresAt > now)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAt, now));
            if (claimed != 1 || await db.Users.AnyAsync())
            {
                return (null, invalid);
            }
            var user = new NewsUser { UserName = email.Trim(), Email = email.Trim(), DisplayName = displayName.Trim(), CreatedAt = now };
            var result = await users.CreateAsync(user, password);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(user, NewsRoles.Admin);
            }
            if (!result.Succeeded)
            {
                db.ChangeTracker.Clear();
                return (null, result.Errors.Select(e => e.Description).ToList());
            }
            audit.Record(new AuditActor(user.Id, user.DisplayName), "user.setup-admin", "User", user.Id, user.Email);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return (user, []);
        }
    }

    public static string SetupUrl(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/admin/setup?token={token}";

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    [LoggerMessage(EventId = 5103, Level = LogLevel.Information, Message = "No newsroom account exists yet. Create the first administrator within one hour at {SetupUrl}")]
    internal static partial void LogSetupLink(ILogger logger, string setupUrl);
}
