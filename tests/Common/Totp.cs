using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CivilizationNews.Tests.Common;

/// <summary>
/// An authenticator app in a few lines (RFC 6238: HMAC-SHA1 over the 30-second step, RFC 4226 truncation,
/// six digits), computed from the Base32 key the enrolment page shows, independently of Identity's code.
/// The app refuses a code used before, so <see cref="NextCode"/> never gives the same key the same step twice
/// (Identity accepts two steps either side of now).
/// </summary>
public static class Totp
{
    private static readonly ConcurrentDictionary<string, long> LastStep = new(StringComparer.Ordinal);

    public static string Code(string base32Key, long step)
    {
        var key = FromBase32(base32Key);
        var counter = BitConverter.GetBytes(step);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }
#pragma warning disable CA5350 // RFC 6238 defines TOTP over HMAC-SHA1, as every authenticator app computes it.
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    public static long CurrentStep() => DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;

    /// <summary>The code for now, or for the next step not yet used with this key (still within what the server accepts).</summary>
    public static string NextCode(string base32Key)
    {
        var key = base32Key.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var step = LastStep.AddOrUpdate(key, _ => CurrentStep(), (_, last) => Math.Max(CurrentStep(), last + 1));
        return Code(key, step);
    }

    private static byte[] FromBase32(string text)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Replace(" ", string.Empty, StringComparison.Ordinal).TrimEnd('=').ToUpperInvariant();
        var bytes = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException($"not Base32: {c}");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return [.. bytes];
    }
}
