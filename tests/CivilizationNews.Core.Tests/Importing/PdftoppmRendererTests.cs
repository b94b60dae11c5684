using CivilizationNews.Core.Importing;
using Microsoft.Extensions.Options;

namespace CivilizationNews.Core.Tests.Importing;

/// <summary>pdftoppm draws a page PDF as a PNG of the page's size; without it the renderer says so in Chinese.</summary>
public sealed class PdftoppmRendererTests
{
    private static PdftoppmRenderer Renderer(string executable = "pdftoppm") =>
        new(Options.Create(new PageRenderingOptions { Executable = executable }));

    [Fact]
    public async Task A_page_is_drawn_at_the_resolution_asked_for()
    {
        var renderer = Renderer();
        Assert.True(renderer.IsAvailable, "pdftoppm is missing: apt-get install -y poppler-utils (.ci/run does)");
        var pdf = await File.ReadAllBytesAsync(Path.Combine(SharedFolder.PrintPdfs, "page-b.pdf"), TestContext.Current.CancellationToken);

        var page = await renderer.RenderAsync(pdf, 1, 72, TestContext.Current.CancellationToken);

        // 840 × 1188 pt at 72 dpi is 840 × 1188 px.
        Assert.Equal((840, 1188), (page.Width, page.Height));
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], page.Png[..4]);
    }

    [Fact]
    public async Task Without_pdftoppm_the_renderer_asks_for_the_page_image()
    {
        var renderer = Renderer("/nonexistent/pdftoppm");
        var pdf = await File.ReadAllBytesAsync(Path.Combine(SharedFolder.PrintPdfs, "page-b.pdf"), TestContext.Current.CancellationToken);

        Assert.False(renderer.IsAvailable);
        var error = await Assert.ThrowsAsync<PageRendererUnavailableException>(() => renderer.RenderAsync(pdf, 1, 72, TestContext.Current.CancellationToken));
        Assert.Contains("pdftoppm", error.Message, StringComparison.Ordinal);
        Assert.Contains("版面图片", error.Message, StringComparison.Ordinal);
        Assert.False(Renderer("no-such-renderer-here").IsAvailable);
    }

    [Fact]
    public async Task An_encrypted_PDF_is_refused_before_it_is_drawn()
    {
        var pdf = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Importing", "Fixtures", "pdf", "encrypted-password.pdf"), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<ImportInputException>(() => Renderer().RenderAsync(pdf, 1, 72, TestContext.Current.CancellationToken));

        Assert.Equal(ImportInputReason.PdfEncrypted, error.Reason);
    }
}
