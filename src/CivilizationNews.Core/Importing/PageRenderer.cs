using System.Buffers.Binary;
using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace CivilizationNews.Core.Importing;

/// <summary>A page drawn as a PNG, with its size in pixels.</summary>
public sealed record RenderedPage(byte[] Png, int Width, int Height);

/// <summary>
/// Draws a page of a page PDF as an image, for the e-paper's facsimile. No PDF renderer is served as a
/// NuGet package here, so the one implementation runs Debian's pdftoppm (ADR-0014); where it is missing
/// <see cref="IsAvailable"/> says so and <see cref="RenderAsync"/> throws <see cref="PageRendererUnavailableException"/>,
/// and the caller asks for the page image the layout system exported beside the PDF instead.
/// </summary>
public interface IPageRenderer
{
    /// <summary>Whether the renderer can run on this machine.</summary>
    bool IsAvailable { get; }

    /// <exception cref="PageRendererUnavailableException">No renderer is installed.</exception>
    /// <exception cref="ImportInputException">The PDF cannot be drawn (broken, encrypted, no such page, too large).</exception>
    Task<RenderedPage> RenderAsync(byte[] pdf, int pageNumber, int dpi, CancellationToken cancellationToken = default);
}

/// <summary>Configuration section "PageRendering".</summary>
public sealed class PageRenderingOptions
{
    public const string SectionName = "PageRendering";

    /// <summary>pdftoppm's name (looked up on PATH) or full path.</summary>
    public string Executable { get; set; } = "pdftoppm";

    /// <summary>A page takes well under a second; one that takes longer than this is stopped.</summary>
    public int TimeoutSeconds { get; set; } = 30;
}

/// <summary>The renderer is not installed: the message (Chinese) tells the editor to upload the page image.</summary>
public sealed class PageRendererUnavailableException : Exception
{
    public const string DefaultMessage =
        "服务器上没有安装 PDF 渲染工具 pdftoppm（Debian 软件包 poppler-utils），无法从 PDF 生成版面图片。请把排版系统导出的版面图片（JPEG 或 PNG）与 PDF 一起上传。";

    public PageRendererUnavailableException()
        : base(DefaultMessage)
    {
    }

    public PageRendererUnavailableException(string message)
        : base(message)
    {
    }

    public PageRendererUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Renders with poppler's pdftoppm in a temporary folder, one page per call, within a time limit.</summary>
public sealed class PdftoppmRenderer(IOptions<PageRenderingOptions> options) : IPageRenderer
{
    public const int MinDpi = 36;
    public const int MaxDpi = 300;

    private readonly PageRenderingOptions _options = options.Value;

    public bool IsAvailable => ResolveExecutable() is not null;

    public async Task<RenderedPage> RenderAsync(byte[] pdf, int pageNumber, int dpi, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageNumber, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(dpi, MinDpi);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dpi, MaxDpi);
        var executable = ResolveExecutable() ?? throw new PageRendererUnavailableException();

        // The same checks as reading the text, so that a file refused there is refused here in the same words.
        var pages = PrintPageImporter.CountPdfPages(pdf);
        if (pageNumber > pages)
        {
            throw new ImportInputException(ImportInputReason.PdfNoSuchPage);
        }

        var folder = Directory.CreateTempSubdirectory("cn-render-");
        try
        {
            var input = Path.Combine(folder.FullName, "page.pdf");
            var output = Path.Combine(folder.FullName, "page");
            await File.WriteAllBytesAsync(input, pdf, cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            var page = pageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
            foreach (var argument in new[] { "-f", page, "-l", page, "-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-png", "-singlefile", input, output })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new PageRendererUnavailableException();
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            var discarded = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            await Task.WhenAll(errors, discarded).ConfigureAwait(false);
            var png = output + ".png";
            if (process.ExitCode != 0 || !File.Exists(png))
            {
                throw new ImportInputException(ImportInputReason.PdfBroken, new InvalidOperationException($"pdftoppm exited with {process.ExitCode}: {errors.Result.Trim()}"));
            }

            var bytes = await File.ReadAllBytesAsync(png, cancellationToken).ConfigureAwait(false);
            var (width, height) = PngSize(bytes);
            return new RenderedPage(bytes, width, height);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The executable's full path, or null when it is not there.</summary>
    private string? ResolveExecutable()
    {
        var name = _options.Executable;
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        if (Path.IsPathRooted(name))
        {
            return File.Exists(name) ? name : null;
        }

        var paths = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var names = OperatingSystem.IsWindows() ? new[] { name, name + ".exe" } : [name];
        return paths.SelectMany(p => names.Select(n => Path.Combine(p, n))).FirstOrDefault(File.Exists);
    }

    /// <summary>A PNG's size, from its IHDR chunk (bytes 16 to 23, big-endian).</summary>
    private static (int Width, int Height) PngSize(byte[] png) =>
        png.Length >= 24 ? (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))) : (0, 0);
}
