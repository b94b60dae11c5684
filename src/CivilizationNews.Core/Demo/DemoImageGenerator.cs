using SkiaSharp;

namespace CivilizationNews.Core.Demo;

/// <summary>
/// Paints the demo photos locally: a simple illustrated scene per kind of place, so that the demo
/// needs no downloads and no copyrighted pictures.
/// </summary>
public static class DemoImageGenerator
{
    public const int Width = 1200;
    public const int Height = 800;

    public static byte[] Paint(string scene, int hue, int seed)
    {
        var random = new Random(seed);
        using var surface = SKSurface.Create(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;

        var sky = SKColor.FromHsl(hue, 45, 78);
        var ground = SKColor.FromHsl((hue + 30) % 360, 30, 42);
        using (var paint = new SKPaint())
        {
            paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, Height),
                [sky, SKColor.FromHsl(hue, 35, 92)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, Width, Height, paint);
        }

        var horizon = scene is "library" or "classroom" or "meeting" or "hospital" or "studio" or "bank" ? 560 : 520;
        using var fill = new SKPaint { IsAntialias = true };

        switch (scene)
        {
            case "library" or "classroom" or "bank" or "meeting" or "studio" or "hospital":
                PaintInterior(canvas, fill, random, hue, horizon, scene);
                break;
            case "river" or "field":
                PaintLandscape(canvas, fill, random, hue, horizon, scene);
                break;
            default:
                PaintStreet(canvas, fill, random, hue, horizon);
                break;
        }

        fill.Color = ground.WithAlpha(60);
        canvas.DrawRect(0, horizon + 180, Width, Height - horizon - 180, fill);

        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    private static void PaintStreet(SKCanvas canvas, SKPaint fill, Random random, int hue, int horizon)
    {
        // Skyline
        var x = 0f;
        while (x < Width)
        {
            var w = random.Next(70, 160);
            var h = random.Next(140, 380);
            fill.Color = SKColor.FromHsl((hue + 200) % 360, 12, random.Next(45, 70));
            canvas.DrawRect(x, horizon - h, w - 6, h, fill);
            fill.Color = SKColor.FromHsl(45, 80, 85).WithAlpha(180);
            for (var wy = horizon - h + 16; wy < horizon - 20; wy += 28)
            {
                for (var wx = x + 10; wx < x + w - 20; wx += 22)
                {
                    if (random.NextDouble() < 0.55)
                    {
                        canvas.DrawRect(wx, wy, 10, 14, fill);
                    }
                }
            }
            x += w;
        }
        // Road with a zebra crossing
        fill.Color = SKColor.FromHsl(220, 8, 32);
        canvas.DrawRect(0, horizon, Width, Height - horizon, fill);
        fill.Color = SKColors.White.WithAlpha(230);
        for (var i = 0; i < 9; i++)
        {
            canvas.DrawRect(380 + (i * 50), horizon + 110, 30, 170, fill);
        }
        PaintPeople(canvas, fill, random, horizon + 150, 7, vests: true);
    }

    private static void PaintLandscape(SKCanvas canvas, SKPaint fill, Random random, int hue, int horizon, string scene)
    {
        fill.Color = SKColor.FromHsl(40, 90, 70);
        canvas.DrawCircle(random.Next(200, 1000), 170, 70, fill);
        using var builder = new SKPathBuilder();
        builder.MoveTo(0, horizon);
        for (var x = 0; x <= Width; x += 100)
        {
            builder.LineTo(x, horizon - random.Next(40, 160));
        }
        builder.LineTo(Width, Height);
        builder.LineTo(0, Height);
        builder.Close();
        using var path = builder.Detach();
        fill.Color = SKColor.FromHsl((hue + 100) % 360, 25, 55);
        canvas.DrawPath(path, fill);
        fill.Color = scene == "river" ? SKColor.FromHsl(200, 45, 60) : SKColor.FromHsl(90, 40, 45);
        canvas.DrawRect(0, horizon + 40, Width, Height - horizon - 40, fill);
        if (scene == "field")
        {
            fill.Color = SKColor.FromHsl(10, 70, 50);
            for (var i = 0; i < 40; i++)
            {
                canvas.DrawCircle(random.Next(0, Width), random.Next(horizon + 60, Height - 20), random.Next(8, 16), fill);
            }
        }
        PaintPeople(canvas, fill, random, horizon + 170, 4, vests: false);
    }

    private static void PaintInterior(SKCanvas canvas, SKPaint fill, Random random, int hue, int horizon, string scene)
    {
        fill.Color = SKColor.FromHsl(hue, 20, 88);
        canvas.DrawRect(0, 0, Width, horizon, fill);
        if (scene is "library" or "bank")
        {
            // Shelves of books
            for (var shelf = 0; shelf < 4; shelf++)
            {
                var y = 90 + (shelf * 110);
                fill.Color = SKColor.FromHsl(30, 35, 40);
                canvas.DrawRect(60, y + 90, Width - 120, 12, fill);
                var x = 70f;
                while (x < Width - 80)
                {
                    var w = random.Next(14, 30);
                    fill.Color = SKColor.FromHsl(random.Next(0, 360), 45, random.Next(35, 60));
                    canvas.DrawRect(x, y + 90 - random.Next(60, 88), w, 88, fill);
                    x += w + 2;
                }
            }
        }
        else
        {
            // A screen or board at the front of the room
            fill.Color = scene == "hospital" ? SKColor.FromHsl(190, 40, 92) : SKColor.FromHsl(150, 25, 30);
            canvas.DrawRoundRect(260, 80, 680, 320, 12, 12, fill);
            fill.Color = scene == "studio" ? SKColor.FromHsl(0, 70, 45) : SKColors.White.WithAlpha(200);
            for (var i = 0; i < 4; i++)
            {
                canvas.DrawRect(310, 130 + (i * 60), random.Next(300, 560), 16, fill);
            }
        }
        fill.Color = SKColor.FromHsl(30, 30, 55);
        canvas.DrawRect(0, horizon, Width, Height - horizon, fill);
        // Tables
        fill.Color = SKColor.FromHsl(28, 40, 35);
        for (var i = 0; i < 3; i++)
        {
            canvas.DrawRect(120 + (i * 340), horizon + 80, 260, 26, fill);
        }
        PaintPeople(canvas, fill, random, horizon + 120, 6, vests: false);
    }

    private static void PaintPeople(SKCanvas canvas, SKPaint fill, Random random, int baseline, int count, bool vests)
    {
        for (var i = 0; i < count; i++)
        {
            var x = 90 + (i * (Width - 180) / Math.Max(1, count - 1)) + random.Next(-20, 20);
            var scale = random.Next(85, 115) / 100f;
            fill.Color = vests ? SKColor.FromHsl(0, 75, 48) : SKColor.FromHsl(random.Next(0, 360), 35, 45);
            canvas.DrawRoundRect(x - (22 * scale), baseline - (110 * scale), 44 * scale, 90 * scale, 14, 14, fill);
            fill.Color = SKColor.FromHsl(220, 20, 25);
            canvas.DrawRect(x - (18 * scale), baseline - (24 * scale), 14 * scale, 60 * scale, fill);
            canvas.DrawRect(x + (4 * scale), baseline - (24 * scale), 14 * scale, 60 * scale, fill);
            fill.Color = SKColor.FromHsl(25, 45, 70);
            canvas.DrawCircle(x, baseline - (130 * scale), 20 * scale, fill);
            fill.Color = SKColor.FromHsl(0, 0, 12);
            canvas.DrawCircle(x, baseline - (138 * scale), 18 * scale, fill);
        }
    }
}
