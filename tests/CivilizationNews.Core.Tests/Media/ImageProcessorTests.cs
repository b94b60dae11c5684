using System.Text;
using CivilizationNews.Core.Media;
using SkiaSharp;
using static CivilizationNews.Tests.Common.TestImages;

namespace CivilizationNews.Core.Tests.Media;

/// <summary>What readers get of an uploaded photo: upright, and nothing of its EXIF (issue 13, item 2).</summary>
public sealed class ImageProcessorTests
{
    [Fact]
    public void A_sideways_phone_photo_is_stored_upright_with_no_EXIF_in_any_rendition()
    {
        // Stored 40×20, left half red: "RightTop" (6) means the camera was turned a quarter clockwise,
        // so upright it is 20×40 with the red half on top.
        var upload = JpegWithExif(HalvesJpeg(40, 20), orientation: 6, make: "PhoneMaker");
        Assert.Contains("PhoneMaker", Encoding.ASCII.GetString(upload), StringComparison.Ordinal);

        var renditions = ImageProcessor.CreateRenditions(upload, "image/jpeg");

        var original = Assert.Single(renditions, r => r.Name == "original");
        Assert.Equal((20, 40), (original.Width, original.Height));
        using var pixels = SKBitmap.Decode(original.Data);
        Assert.Equal((20, 40), (pixels.Width, pixels.Height));
        Assert.True(pixels.GetPixel(10, 5).Red > 150 && pixels.GetPixel(10, 5).Blue < 100, "the top is not the red half");
        Assert.True(pixels.GetPixel(10, 35).Blue > 150 && pixels.GetPixel(10, 35).Red < 100, "the bottom is not the blue half");
        Assert.All(renditions, r =>
        {
            var text = Encoding.ASCII.GetString(r.Data);
            Assert.DoesNotContain("Exif", text, StringComparison.Ordinal);
            Assert.DoesNotContain("PhoneMaker", text, StringComparison.Ordinal);
            using var codec = SKCodec.Create(new SKMemoryStream(r.Data));
            Assert.Equal(SKEncodedOrigin.TopLeft, codec.EncodedOrigin);
        });
    }

    [Theory]
    [InlineData(3, 40, 20, "blue-left")]   // upside down: the red half ends on the right
    [InlineData(8, 20, 40, "blue-top")]    // a quarter anticlockwise: the red half ends at the bottom
    [InlineData(1, 40, 20, "red-left")]    // as stored
    public void Every_orientation_is_applied(ushort orientation, int width, int height, string expected)
    {
        var renditions = ImageProcessor.CreateRenditions(JpegWithExif(HalvesJpeg(40, 20), orientation, "X"), "image/jpeg");

        using var pixels = SKBitmap.Decode(renditions.Single(r => r.Name == "original").Data);
        Assert.Equal((width, height), (pixels.Width, pixels.Height));
        var first = width > height ? pixels.GetPixel(5, height / 2) : pixels.GetPixel(width / 2, 5);
        var seen = (first.Red > first.Blue ? "red" : "blue") + (width > height ? "-left" : "-top");
        Assert.Equal(expected, seen);
    }

    [Fact]
    public void Decoding_waits_for_a_turn_and_is_refused_when_none_comes_free()
    {
        using var gate = new DecodeGate(1, TimeSpan.Zero);
        var photo = HalvesJpeg(40, 20);

        using (gate.Enter())
        {
            // The only turn is taken (another upload decoding): refused, not queued without bound.
            Assert.Throws<ImageBusyException>(() => ImageProcessor.CreateRenditions(photo, "image/jpeg", gate));
        }

        // Free again: the same upload goes through, and gives its turn back.
        Assert.NotEmpty(ImageProcessor.CreateRenditions(photo, "image/jpeg", gate));
        Assert.NotEmpty(ImageProcessor.CreateRenditions(photo, "image/jpeg", gate));
    }
}
