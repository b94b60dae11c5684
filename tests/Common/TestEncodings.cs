using System.Text;

namespace CivilizationNews.Tests.Common;

/// <summary>Text in the encodings editors' tools produce, and back.</summary>
internal static class TestEncodings
{
    private static readonly Lazy<Encoding> Gb = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    });

    public static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text);

    public static byte[] Utf8WithBom(string text) => [.. Encoding.UTF8.Preamble, .. Utf8(text)];

    public static byte[] Gb18030(string text) => Gb.Value.GetBytes(text);

    public static byte[] Utf16WithBom(string text) => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)];

    /// <summary>As the scorer reads a page: UTF-8 if it decodes, else GB18030.</summary>
    public static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Gb.Value.GetString(bytes);
        }
    }
}
