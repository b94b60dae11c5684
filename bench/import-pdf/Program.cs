using System.Diagnostics;
using System.Globalization;
using CivilizationNews.Core.Editions;
using CivilizationNews.Core.Importing;
using Microsoft.Extensions.Options;

// dotnet run -c Release --project bench/import-pdf -- [--runs 5] [--dpi N] [PDF …]
// For each page PDF (by default the shared fixtures and the importer's own), times the steps from the
// PDF to a reviewable proposal, as issue 14 counts them and 上传版面's background processor does them:
// reading the stories and regions (PrintPageImporter.ImportPdf), drawing the page (pdftoppm, at the
// resolution FacsimileFiles.DpiFor gives the page unless --dpi is given: about 2,400 px wide) and making
// its WebP/JPEG renditions (FacsimileFiles.Renditions). Prints the median and the slowest of the runs.

var runs = int.Parse(Option("--runs") ?? "5", CultureInfo.InvariantCulture);
int? dpiOption = Option("--dpi") is { } d ? int.Parse(d, CultureInfo.InvariantCulture) : null;
var files = args.Where(a => a.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)).ToList();
if (files.Count == 0)
{
    var root = FindRoot();
    files.AddRange(Directory.GetFiles(Path.Combine(root, "..", "shared", "fixtures", "print-pdfs"), "*.pdf").Order());
    files.AddRange(Directory.GetFiles(Path.Combine(root, "tests", "CivilizationNews.Core.Tests", "Importing", "Fixtures", "pdf"), "page-*.pdf").Order());
}

var importer = new PrintPageImporter();
var renderer = new PdftoppmRenderer(Options.Create(new PageRenderingOptions()));
Console.WriteLine($"import-pdf: {Environment.ProcessorCount} cores, {runs} runs after a warm-up, {(dpiOption is { } fixedDpi ? fixedDpi + " dpi" : "dpi for ~2,400 px")}, renderer {(renderer.IsAvailable ? "pdftoppm" : "missing")}");
Console.WriteLine($"{"page",-12} {"read ms",9} {"max",6} {"render ms",10} {"max",6} {"renditions ms",14} {"max",6} {"total ms",9}  answer");
foreach (var file in files)
{
    var bytes = File.ReadAllBytes(file);
    var (read, render, renditions) = (new List<double>(), new List<double>(), new List<double>());
    var answer = "";
    for (var run = 0; run <= runs; run++)
    {
        var watch = Stopwatch.StartNew();
        var result = importer.ImportPdf(bytes);
        var readMs = watch.Elapsed.TotalMilliseconds;
        answer = $"{result.Articles.Count} stories, {result.Photos.Count} photos, {result.Warnings.Count} warnings";
        double renderMs = 0, renditionMs = 0;
        if (renderer.IsAvailable)
        {
            watch.Restart();
            var page = await renderer.RenderAsync(bytes, 1, dpiOption ?? FacsimileFiles.DpiFor(result.Page!.Width));
            renderMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var made = FacsimileFiles.Renditions(page.Png, "image/png");
            renditionMs = watch.Elapsed.TotalMilliseconds;
            answer += $", {page.Width}×{page.Height} px, {made.Count} renditions";
        }

        if (run > 0)
        {
            read.Add(readMs);
            render.Add(renderMs);
            renditions.Add(renditionMs);
        }
    }

    var total = Median(read) + Median(render) + Median(renditions);
    Console.WriteLine($"{Path.GetFileNameWithoutExtension(file),-12} {Median(read),9:F0} {read.Max(),6:F0} {Median(render),10:F0} {render.Max(),6:F0} {Median(renditions),14:F0} {renditions.Max(),6:F0} {total,9:F0}  {answer}");
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? 0 : sorted[sorted.Count / 2];
}

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "CivilizationNews.sln")))
        {
            return dir.FullName;
        }
    }

    throw new DirectoryNotFoundException("CivilizationNews.sln not found above the bench");
}
