using System.Buffers.Binary;
using System.IO.Compression;
using SkiaSharp;

namespace CivilizationNews.Tests.Common;

/// <summary>Pictures for upload tests: real encoded images, and a PNG bomb that is only a header.</summary>
internal static class TestImages
{
    /// <summary>A real picture in <paramref name="format"/>: a red field with a blue disc.</summary>
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
        return data?.ToArray() ?? [];
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

    /// <summary>
    /// A JPEG as a phone writes it: stored sideways, with an EXIF block saying how to turn it
    /// (<paramref name="orientation"/>, 1–8), the camera's make and a GPS latitude.
    /// </summary>
    public static byte[] JpegWithExif(byte[] jpeg, ushort orientation, string make)
    {
        // TIFF, big-endian: IFD0 with Orientation, Make and a pointer to a GPS IFD holding GPSLatitudeRef "N".
        var makeBytes = System.Text.Encoding.ASCII.GetBytes(make + "\0");
        const int ifd0 = 8, entries = 3;
        var makeOffset = ifd0 + 2 + (entries * 12) + 4;
        var gpsOffset = makeOffset + makeBytes.Length;
        using var tiff = new MemoryStream();
        void U16(int v) { var b = new byte[2]; BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)v); tiff.Write(b); }
        void U32(int v) { var b = new byte[4]; BinaryPrimitives.WriteUInt32BigEndian(b, (uint)v); tiff.Write(b); }
        tiff.Write("MM"u8);
        U16(42);
        U32(ifd0);
        U16(entries);
        U16(0x010F); U16(2); U32(makeBytes.Length); U32(makeOffset);   // Make, ASCII
        U16(0x0112); U16(3); U32(1); U16(orientation); U16(0);         // Orientation, SHORT
        U16(0x8825); U16(4); U32(1); U32(gpsOffset);                   // GPS IFD pointer, LONG
        U32(0);
        tiff.Write(makeBytes);
        U16(1);
        U16(0x0001); U16(2); U32(2); tiff.Write("N\0\0\0"u8);          // GPSLatitudeRef, ASCII
        U32(0);
        byte[] payload = [.. "Exif\0\0"u8, .. tiff.ToArray()];
        var length = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)(payload.Length + 2));
        // SOI, then APP1, then the rest of the original file.
        return [.. jpeg[..2], 0xFF, 0xE1, .. length, .. payload, .. jpeg[2..]];
    }

    /// <summary>A picture whose left half is red and right half blue, so a test can see which way it was turned.</summary>
    public static byte[] HalvesJpeg(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var red = new SKPaint { Color = new SKColor(220, 0, 0) };
            using var blue = new SKPaint { Color = new SKColor(0, 0, 220) };
            canvas.DrawRect(0, 0, width / 2f, height, red);
            canvas.DrawRect(width / 2f, 0, width / 2f, height, blue);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 95);
        return data.ToArray();
    }

    private static void Chunk(Stream stream, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        stream.Write(length);
        byte[] body = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        stream.Write(body);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(body));
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
