using System.Text;

namespace CivilizationNews.Core.Importing;

/// <summary>
/// Turns an uploaded file into text. Chinese layout tools write UTF-8 or GB18030/GBK; strict UTF-8 is
/// tried first because GB18030 bytes are almost never valid UTF-8, while the reverse is not true.
/// </summary>
internal static class PageDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Lazy<Encoding> StrictGb18030 = new(CreateGb18030);

    // Signatures of files editors upload by mistake instead of the page's text (PDF, Office/zip, images).
    private static readonly byte[][] BinarySignatures =
    [
        "%PDF"u8.ToArray(),
        [0x50, 0x4B, 0x03, 0x04],
        [0xD0, 0xCF, 0x11, 0xE0],
        [0x89, 0x50, 0x4E, 0x47],
        [0xFF, 0xD8, 0xFF],
        "GIF8"u8.ToArray(),
    ];

    public static (string Text, string EncodingName) Decode(byte[] bytes)
    {
        if (bytes.Length > PrintPageImporter.MaxBytes)
        {
            throw new ImportInputException(ImportInputReason.TooLarge);
        }

        if (bytes.Length == 0)
        {
            throw new ImportInputException(ImportInputReason.Empty);
        }

        // Windows Notepad's "Unicode" is UTF-16 with a BOM; its zero bytes must not read as binary.
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
        {
            return (Strict(new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), bytes.AsSpan(2)), "UTF-16");
        }

        if (bytes.Length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
        {
            return (Strict(new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), bytes.AsSpan(2)), "UTF-16");
        }

        if (LooksBinary(bytes))
        {
            throw new ImportInputException(ImportInputReason.Binary);
        }

        if (bytes.AsSpan().StartsWith("\uFEFF"u8))
        {
            return (Strict(StrictUtf8, bytes.AsSpan(3)), "UTF-8");
        }

        try
        {
            return (StrictUtf8.GetString(bytes), "UTF-8");
        }
        catch (DecoderFallbackException)
        {
            return (Strict(StrictGb18030.Value, bytes), "GB18030");
        }
    }

    /// <summary>Control characters other than line and page breaks do not occur in typed text.</summary>
    public static bool IsStrayControl(char c) =>
        c < ' ' && c is not ('\t' or '\n' or '\r' or '\f' or '\v' or '\u001A') || c == '\u007F';

    public static bool LooksBinary(ReadOnlySpan<char> text)
    {
        if (text.Contains('\0'))
        {
            return true;
        }

        var controls = 0;
        foreach (var c in text)
        {
            if (IsStrayControl(c))
            {
                controls++;
            }
        }

        return IsHighShare(controls, text.Length);
    }

    private static bool LooksBinary(byte[] bytes)
    {
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return true;
        }

        foreach (var signature in BinarySignatures)
        {
            if (bytes.AsSpan().StartsWith(signature))
            {
                return true;
            }
        }

        var controls = 0;
        foreach (var b in bytes)
        {
            if (b < 0x80 && IsStrayControl((char)b))
            {
                controls++;
            }
        }

        return IsHighShare(controls, bytes.Length);
    }

    // A stray control character or two happens in pasted text; one in twenty is no longer text.
    private static bool IsHighShare(int controls, int length) => controls > 0 && controls * 20 >= length;

    private static string Strict(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new ImportInputException(ImportInputReason.UndecodableEncoding, e);
        }
    }

    private static Encoding CreateGb18030()
    {
        // GB18030 ships with .NET but only behind the code-pages provider; registering twice is harmless.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }
}
