using System.Globalization;
using SkiaSharp;

namespace CivilizationNews.Core.Media;

/// <summary>The outcome of checking an uploaded file: its real format and size, or a Chinese refusal.</summary>
public sealed record ImageCheck(bool IsValid, string? Error, string? ContentType, int Width, int Height)
{
    public static ImageCheck Refuse(string error) => new(false, error, null, 0, 0);
}

/// <summary>
/// Decides whether an uploaded file may enter the media library, from its bytes alone: the file name
/// and the Content-Type the browser sent are never trusted. The order matters: size first, then the
/// magic bytes, then the header as Skia reads it (<see cref="SKCodec.Info"/>), so that a picture which
/// would need gigabytes once decoded (a decompression bomb) is refused before a single pixel is decoded.
/// </summary>
public static class ImageUploadValidator
{
    /// <summary>10 MB: a full-resolution newsroom JPEG is well under this.</summary>
    public const long MaxBytes = 10L * 1024 * 1024;

    /// <summary>40 megapixels: about 160 MB once decoded to RGBA, the most one upload may cost.</summary>
    public const long MaxPixels = 40_000_000;

    public const int MaxSide = 12_000;

    public const string TooLargeMessage = "图片文件不能超过 10 MB，请压缩后再上传。";
    public const string EmptyMessage = "请选择要上传的图片文件。";
    public const string WrongTypeMessage = "只能上传 JPEG、PNG 或 WebP 图片。系统按文件内容识别格式，修改扩展名无效。";
    public const string UnreadableMessage = "图片文件已损坏或无法识别，请换一张再试。";

    public static string TooManyPixelsMessage(int width, int height) => string.Create(CultureInfo.InvariantCulture,
        $"图片尺寸过大（{width}×{height} 像素）：每边不超过 {MaxSide} 像素，总像素不超过 {MaxPixels / 10_000} 万。请缩小后再上传。");

    /// <summary>Checks a whole uploaded file. Nothing here decodes pixels.</summary>
    public static ImageCheck Validate(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length == 0)
        {
            return ImageCheck.Refuse(EmptyMessage);
        }
        if (data.Length > MaxBytes)
        {
            return ImageCheck.Refuse(TooLargeMessage);
        }
        var sniffed = Sniff(data);
        if (sniffed is null)
        {
            return ImageCheck.Refuse(WrongTypeMessage);
        }

        using var skData = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(skData);
        if (codec is null || codec.EncodedFormat != sniffed.Value.Format)
        {
            return ImageCheck.Refuse(UnreadableMessage);
        }
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            return ImageCheck.Refuse(UnreadableMessage);
        }
        if (info.Width > MaxSide || info.Height > MaxSide || (long)info.Width * info.Height > MaxPixels)
        {
            return ImageCheck.Refuse(TooManyPixelsMessage(info.Width, info.Height));
        }
        return new ImageCheck(true, null, sniffed.Value.ContentType, info.Width, info.Height);
    }

    /// <summary>The format the leading bytes announce: JPEG (FF D8 FF), PNG (its 8-byte signature) or WebP (RIFF….WEBP).</summary>
    internal static (SKEncodedImageFormat Format, string ContentType)? Sniff(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return (SKEncodedImageFormat.Jpeg, "image/jpeg");
        }
        if (data.Length >= 8 && data[..8].SequenceEqual(PngSignature))
        {
            return (SKEncodedImageFormat.Png, "image/png");
        }
        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return (SKEncodedImageFormat.Webp, "image/webp");
        }
        return null;
    }

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
}
