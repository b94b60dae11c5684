using CivilizationNews.Core.Media;
using SkiaSharp;
using static CivilizationNews.Tests.Common.TestImages;

namespace CivilizationNews.Core.Tests.Media;

public sealed class ImageUploadValidatorTests
{
    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, "image/jpeg")]
    [InlineData(SKEncodedImageFormat.Png, "image/png")]
    [InlineData(SKEncodedImageFormat.Webp, "image/webp")]
    public void JPEG_PNG_and_WebP_are_accepted_with_their_real_type_and_size(SKEncodedImageFormat format, string contentType)
    {
        var check = ImageUploadValidator.Validate(Encode(640, 400, format));

        Assert.True(check.IsValid, check.Error);
        Assert.Equal((contentType, 640, 400), (check.ContentType, check.Width, check.Height));
    }

    [Fact]
    public void A_text_file_is_refused_whatever_it_is_called()
    {
        var check = ImageUploadValidator.Validate("<html>not a photo</html>"u8.ToArray());

        Assert.False(check.IsValid);
        Assert.Equal(ImageUploadValidator.WrongTypeMessage, check.Error);
    }

    [Fact]
    public void A_GIF_is_refused_even_though_Skia_could_decode_it()
    {
        byte[] gif =
        [
            0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x21, 0xF9, 0x04,
            0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
        ];
        using (var data = SKData.CreateCopy(gif))
        using (var codec = SKCodec.Create(data))
        {
            Assert.Equal(SKEncodedImageFormat.Gif, codec.EncodedFormat);
        }

        Assert.Equal(ImageUploadValidator.WrongTypeMessage, ImageUploadValidator.Validate(gif).Error);
    }

    [Fact]
    public void Magic_bytes_without_a_readable_image_behind_them_are_refused()
    {
        byte[] fakeJpeg = [0xFF, 0xD8, 0xFF, 0xE0, .. "just some text after a JPEG marker"u8];

        var check = ImageUploadValidator.Validate(fakeJpeg);

        Assert.Equal(ImageUploadValidator.UnreadableMessage, check.Error);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        Assert.Equal(ImageUploadValidator.EmptyMessage, ImageUploadValidator.Validate([]).Error);
    }

    [Fact]
    public void A_file_over_10_MB_is_refused_before_anything_else()
    {
        var data = new byte[ImageUploadValidator.MaxBytes + 1];
        Encode(16, 16, SKEncodedImageFormat.Png).CopyTo(data, 0);

        Assert.Equal(ImageUploadValidator.TooLargeMessage, ImageUploadValidator.Validate(data).Error);
    }

    [Theory]
    [InlineData(30_000, 30_000)] // 900 megapixels: 3.6 GB once decoded
    [InlineData(12_001, 10)] // one side over the limit
    [InlineData(8_000, 8_000)] // both sides fine, 64 megapixels in all
    public void A_picture_too_large_to_decode_is_refused_from_its_header(int width, int height)
    {
        var bomb = PngBomb(width, height);
        Assert.True(bomb.Length < 64 * 1024);

        var check = ImageUploadValidator.Validate(bomb);

        Assert.False(check.IsValid);
        Assert.Equal(ImageUploadValidator.TooManyPixelsMessage(width, height), check.Error);
        Assert.Contains($"{width}×{height}", check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_largest_allowed_picture_passes_the_header_check()
    {
        Assert.True(ImageUploadValidator.Validate(PngBomb(8_000, 5_000)).IsValid);
    }
}
