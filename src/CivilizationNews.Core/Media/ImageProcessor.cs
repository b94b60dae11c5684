using SkiaSharp;

namespace CivilizationNews.Core.Media;

/// <summary>
/// How many images this process decodes at once. A 150 KB PNG can need 160 MB of pixels, so a burst
/// of uploads is queued at the gate (for <see cref="Wait"/>) and refused beyond it, rather than
/// allowed to exhaust the memory of the instance. Per process on purpose: it guards this process's memory.
/// </summary>
public sealed class DecodeGate(int capacity, TimeSpan wait) : IDisposable
{
    /// <summary>The app's gate: three decodes at a time, a later upload waits up to 20 s for a turn.</summary>
    public static DecodeGate Shared { get; } = new(3, TimeSpan.FromSeconds(20));

    private readonly SemaphoreSlim _turns = new(capacity, capacity);

    public TimeSpan Wait { get; } = wait;

    /// <summary>A turn, or <see cref="ImageBusyException"/> when none comes free in time.</summary>
    public IDisposable Enter() => _turns.Wait(Wait) ? new Turn(_turns) : throw new ImageBusyException();

    public void Dispose() => _turns.Dispose();

    private sealed class Turn(SemaphoreSlim turns) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                turns.Release();
            }
        }
    }
}

/// <summary>Too many images are being decoded at once; the upload is refused, and may be tried again shortly.</summary>
public sealed class ImageBusyException() : Exception("Too many images are being decoded at once.");

/// <summary>One rendition to store for an image.</summary>
public sealed record ImageRendition(string Name, string ContentType, int Width, int Height, byte[] Data);

/// <summary>
/// Turns an uploaded or generated image into the renditions the pages serve: the "original" at full
/// size, and WebP plus JPEG copies at a few widths for srcset. Every rendition is decoded and encoded
/// again, upright: a phone photo's EXIF orientation is applied to the pixels, and no metadata survives
/// (no GPS position, camera or owner from EXIF or XMP reaches a reader).
/// </summary>
public static class ImageProcessor
{
    public static readonly int[] Widths = [480, 960, 1440];

    /// <summary>Whether a name can be a stored rendition's: "original" or "w{width}.webp|jpg" (2–4 digits).</summary>
    public static bool IsRenditionName(string? name)
    {
        if (name == "original")
        {
            return true;
        }
        if (name is null || name.Length < 4 || name[0] != 'w')
        {
            return false;
        }
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot is >= 3 and <= 5 && name.AsSpan(1, dot - 1).ContainsAnyExceptInRange('0', '9') is false
            && name.AsSpan(dot) is ".webp" or ".jpg";
    }
    private const int Quality = 80;

    /// <summary>The full-size copy stays close to what was uploaded.</summary>
    private const int OriginalQuality = 92;

    /// <exception cref="ImageBusyException">No decode turn came free at <paramref name="gate"/> (default <see cref="DecodeGate.Shared"/>) in time.</exception>
    public static IReadOnlyList<ImageRendition> CreateRenditions(byte[] original, string contentType, DecodeGate? gate = null) =>
        CreateRenditions(original, contentType, Widths, keepOriginal: true, gate);

    /// <summary>
    /// The renditions at <paramref name="widths"/>, with or without the full-size "original"; JPEG always, WebP unless
    /// <paramref name="webp"/> is false (encoding WebP costs several times JPEG's time).
    /// </summary>
    /// <exception cref="ImageBusyException">No decode turn came free at <paramref name="gate"/> in time.</exception>
    public static IReadOnlyList<ImageRendition> CreateRenditions(byte[] original, string contentType, IReadOnlyList<int> widths, bool keepOriginal,
        DecodeGate? gate = null, bool webp = true)
    {
        ArgumentNullException.ThrowIfNull(widths);
        using var turn = (gate ?? DecodeGate.Shared).Enter();
        using var bitmap = DecodeUpright(original);
        var renditions = new List<ImageRendition>();
        if (keepOriginal)
        {
            using var full = SKImage.FromBitmap(bitmap);
            var (format, type) = contentType switch
            {
                "image/png" => (SKEncodedImageFormat.Png, "image/png"),
                "image/webp" => (SKEncodedImageFormat.Webp, "image/webp"),
                _ => (SKEncodedImageFormat.Jpeg, "image/jpeg"),
            };
            renditions.Add(new("original", type, bitmap.Width, bitmap.Height, Encode(full, format, OriginalQuality)));
        }

        foreach (var width in widths)
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
            if (webp)
            {
                renditions.Add(new($"w{width}.webp", "image/webp", target, height, Encode(image, SKEncodedImageFormat.Webp)));
            }
            renditions.Add(new($"w{width}.jpg", "image/jpeg", target, height, Encode(image, SKEncodedImageFormat.Jpeg)));
        }
        return renditions;
    }

    private static byte[] Encode(SKImage image, SKEncodedImageFormat format, int quality = Quality)
    {
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>Decodes the pixels and turns them the way the EXIF orientation says the camera was held.</summary>
    private static SKBitmap DecodeUpright(byte[] data)
    {
        using var codec = SKCodec.Create(new SKMemoryStream(data))
            ?? throw new InvalidOperationException("The image could not be decoded.");
        var origin = codec.EncodedOrigin;
        var decoded = SKBitmap.Decode(codec) ?? throw new InvalidOperationException("The image could not be decoded.");
        if (origin == SKEncodedOrigin.TopLeft)
        {
            return decoded;
        }
        using (decoded)
        {
            var (w, h) = (decoded.Width, decoded.Height);
            var quarterTurn = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
            var upright = new SKBitmap(new SKImageInfo(quarterTurn ? h : w, quarterTurn ? w : h, decoded.ColorType, decoded.AlphaType));
            using var canvas = new SKCanvas(upright);
            // Each case maps a stored pixel (x, y) to where it is seen (the last call applies first).
            switch (origin)
            {
                case SKEncodedOrigin.TopRight: // mirrored: (w - x, y)
                    canvas.Translate(w, 0);
                    canvas.Scale(-1, 1);
                    break;
                case SKEncodedOrigin.BottomRight: // upside down: (w - x, h - y)
                    canvas.Translate(w, h);
                    canvas.RotateDegrees(180);
                    break;
                case SKEncodedOrigin.BottomLeft: // mirrored vertically: (x, h - y)
                    canvas.Translate(0, h);
                    canvas.Scale(1, -1);
                    break;
                case SKEncodedOrigin.LeftTop: // transposed: (y, x)
                    canvas.RotateDegrees(90);
                    canvas.Scale(1, -1);
                    break;
                case SKEncodedOrigin.RightTop: // held upright, turned a quarter clockwise: (h - y, x)
                    canvas.Translate(h, 0);
                    canvas.RotateDegrees(90);
                    break;
                case SKEncodedOrigin.RightBottom: // transversed: (h - y, w - x)
                    canvas.Translate(h, w);
                    canvas.Scale(-1, -1);
                    canvas.RotateDegrees(90);
                    canvas.Scale(1, -1);
                    break;
                case SKEncodedOrigin.LeftBottom: // turned a quarter anticlockwise: (y, w - x)
                    canvas.Translate(0, w);
                    canvas.RotateDegrees(-90);
                    break;
            }
            using var pixels = SKImage.FromBitmap(decoded);
            canvas.DrawImage(pixels, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest), null);
            return upright;
        }
    }
}
