using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace CivilizationNews.Core.Accounts;

/// <summary>
/// Refuses passwords from a list of common and breached passwords shipped with the app
/// (CommonPasswords/common-passwords.sha256: where it comes from, its licence and how it is rebuilt are
/// in the README beside it). The list is stored hashed, so the repository holds no password in clear,
/// and common passwords padded with digits or punctuation ("baseball2026!"). Offline: no lookup service.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<NewsUser>
{
    public const string ErrorCode = "PasswordTooCommon";

    private static readonly Lazy<FrozenSet<ulong>> List = new(Load);

    /// <summary>Longer passwords are refused (ASVS 2.1.2): 64 characters and more are welcome, a megabyte is not.</summary>
    public const int MaximumLength = 128;

    public Task<IdentityResult> ValidateAsync(UserManager<NewsUser> manager, NewsUser user, string? password) =>
        Task.FromResult(password is null ? IdentityResult.Success
            : password.Length > MaximumLength ? IdentityResult.Failed(new IdentityError { Code = "PasswordTooLong", Description = $"密码不超过 {MaximumLength} 位。" })
            : IsCommon(password) ? IdentityResult.Failed(new IdentityError { Code = ErrorCode, Description = "这个密码太常见（在已泄露或常用密码列表中），请换一个不易被猜到的密码，例如几个不相关的词组合成的短句。" })
            : IdentityResult.Success);

    /// <summary>Whether <paramref name="password"/> is on the list, as typed or without the digits and punctuation around it.</summary>
    public static bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var lowered = password.Trim().ToLowerInvariant();
        if (List.Value.Contains(Key(lowered)))
        {
            return true;
        }
        var core = lowered.Trim(Padding);
        return core.Length > 0 && core.Length < lowered.Length && List.Value.Contains(Key(core));
    }

    /// <summary>How many passwords the list holds (for the docs and tests).</summary>
    public static int Count => List.Value.Count;

    private static readonly char[] Padding = "0123456789!@#$%^&*()-_=+.,;:?~`'\"[]{}<>/\\| ".ToCharArray();

    /// <summary>The first 8 bytes of the SHA-256 of a lower-cased password: how the list stores each entry (see CommonPasswords/refresh).</summary>
    private static ulong Key(string lowered) => BinaryPrimitives.ReadUInt64BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(lowered)));

    private static FrozenSet<ulong> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("CivilizationNews.Core.Accounts.CommonPasswords.common-passwords.sha256")
            ?? throw new InvalidOperationException("The common-password list is not embedded in CivilizationNews.Core.");
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        var data = bytes.ToArray();
        var keys = new ulong[data.Length / sizeof(ulong)];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = BinaryPrimitives.ReadUInt64BigEndian(data.AsSpan(i * sizeof(ulong), sizeof(ulong)));
        }
        return keys.ToFrozenSet();
    }
}
