using System.Buffers.Binary;
using System.IO.Compression;
using System.Net.Http.Headers;
using AngleSharp.Html.Parser;
using CivilizationNews.Web.Tests.Support;
using SkiaSharp;

namespace CivilizationNews.Web.Tests.Areas.Admin;

/// <summary>Helpers for the management-page tests: multipart uploads with the page's token, and test images.</summary>
internal static class ManagementTestKit
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Posts a multipart form (with one file) after reading the antiforgery token from the page, as a browser does.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Dictionary<string, string> fields, string fileName, string contentType, byte[] data)
    {
        var token = await AdminClient.TokenAsync(client, "/admin/media/upload");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, "File", fileName);
        return await client.PostAsync(new Uri("/admin/media/upload", UriKind.Relative), content, Ct);
    }

    /// <summary>The text of the page's error messages (summary, field errors and flash), whitespace collapsed.</summary>
    public static async Task<string> ErrorsAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync(Ct);
        var doc = new HtmlParser().ParseDocument(html);
        return string.Join(" | ", doc.QuerySelectorAll(".form-errors li, .field-error, .flash-error").Select(e => e.Text()).Where(t => t.Length > 0));
    }

    public static async Task<string> FlashAsync(HttpClient client, string url)
    {
        var (_, doc) = await Html.GetAsync(client, url);
        return string.Join(" | ", doc.QuerySelectorAll(".flash").Select(e => e.Text()));
    }

    public static int IdFrom(HttpResponseMessage redirect, int segment)
    {
        var location = redirect.Headers.Location!.OriginalString.Split('#')[0];
        return int.Parse(location.Split('/')[segment], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(200, 40, 40));
            using var paint = new SKPaint { Color = new SKColor(30, 90, 200) };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 85);
        return data.ToArray();
    }

    /// <summary>
    /// A decompression bomb: a genuine PNG header declaring <paramref name="width"/>×<paramref name="height"/>
    /// RGB pixels, followed by a deflate stream of zero rows. The file is a few kilobytes; decoded it would
    /// need width×height×4 bytes (3.6 GB for 30000×30000).
    /// </summary>
    public static byte[] PngBomb(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // truecolour RGB
        Chunk(png, "IHDR", ihdr);
        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[64 * 1024];
            for (var i = 0; i < 64; i++)
            {
                zlib.Write(zeros);
            }
        }
        Chunk(png, "IDAT", idat.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        var typeAndData = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        stream.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return ~crc;
    }
}
