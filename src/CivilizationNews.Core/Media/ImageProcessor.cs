using SkiaSharp;

namespace CivilizationNews.Core.Media;

/// <summary>One rendition to store for an image.</summary>
public sealed record ImageRendition(string Name, string ContentType, int Width, int Height, byte[] Data);

/// <summary>
/// Turns an uploaded or generated image into the renditions the pages serve: the original bytes,
/// and WebP plus JPEG copies at a few widths for srcset.
/// </summary>
public static class ImageProcessor
{
    public static readonly int[] Widths = [480, 960, 1440];
    private const int Quality = 80;

    public static IReadOnlyList<ImageRendition> CreateRenditions(byte[] original, string contentType)
    {
        using var bitmap = SKBitmap.Decode(original)
            ?? throw new InvalidOperationException("The image could not be decoded.");
        var renditions = new List<ImageRendition>
        {
            new("original", contentType, bitmap.Width, bitmap.Height, original),
        };

        foreach (var width in Widths)
        {
            // Never upscale; the largest rendition is the original's own width.
            var target = Math.Min(width, bitmap.Width);
            if (target < width && renditions.Any(r => r.Name.StartsWith('w') && r.Width == target))
            {
                continue;
            }
            var height = (int)Math.Round(bitmap.Height * (target / (double)bitmap.Width));
            using var resized = target == bitmap.Width
                ? bitmap.Copy()
                : bitmap.Resize(new SKImageInfo(target, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
            using var image = SKImage.FromBitmap(resized);
            renditions.Add(new($"w{width}.webp", "image/webp", target, height, Encode(image, SKEncodedImageFormat.Webp)));
            renditions.Add(new($"w{width}.jpg", "image/jpeg", target, height, Encode(image, SKEncodedImageFormat.Jpeg)));
        }
        return renditions;
    }

    private static byte[] Encode(SKImage image, SKEncodedImageFormat format)
    {
        using var data = image.Encode(format, Quality);
        return data.ToArray();
    }
}
