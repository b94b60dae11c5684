using System.Diagnostics;
using System.Text;
using CivilizationNews.Core.Importing;

namespace CivilizationNews.Core.Tests.Importing;

/// <summary>
/// Imports each page in shared/fixtures/print-pages from its raw bytes and has the team's scorer
/// (shared/tools/score-import) compare the JSON with the expected structure, including its check
/// that no text of the page was lost. Pages added to the folder are picked up automatically.
/// </summary>
public sealed class FixturePagesTests
{
    private static readonly TimeSpan ScorerTimeout = TimeSpan.FromMinutes(1);

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        if (SharedFolder.Exists)
        {
            foreach (var expected in Directory.GetFiles(SharedFolder.PrintPages, "*.expected.json").Order(StringComparer.Ordinal))
            {
                pages.Add(Path.GetFileName(expected)[..^".expected.json".Length]);
            }
        }

        return pages;
    }

    [Fact]
    public void TheFixtureFolderIsFoundAndHoldsThePages()
    {
        Assert.True(SharedFolder.Exists, $"shared/fixtures/print-pages not found; set {SharedFolder.EnvironmentVariable}.");
        Assert.True(Pages().Count >= 4, "expected at least the four fixture pages");
        Assert.True(File.Exists(SharedFolder.Scorer), $"scorer missing: {SharedFolder.Scorer}");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void ScorerGivesFullMarks(string page)
    {
        var source = Path.Combine(SharedFolder.PrintPages, page + ".txt");
        var expected = Path.Combine(SharedFolder.PrintPages, page + ".expected.json");
        var result = new PrintPageImporter().Import(File.ReadAllBytes(source));

        var actual = Path.Combine(Path.GetTempPath(), $"cn-import-{page}-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(actual, ImportJson.Serialize(result), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            var (exitCode, output) = RunScorer(expected, actual, source);
            Assert.True(exitCode == 0, $"score-import {page}: exit {exitCode}\n{output}");
        }
        finally
        {
            File.Delete(actual);
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void OtherEncodingAndLineEndsGiveTheSameImport(string page)
    {
        var importer = new PrintPageImporter();
        var bytes = File.ReadAllBytes(Path.Combine(SharedFolder.PrintPages, page + ".txt"));
        var original = importer.Import(bytes);
        var text = Encodings.Decode(bytes);
        var lf = text.Replace("\r\n", "\n", StringComparison.Ordinal);

        var variants = new[]
        {
            Encodings.Utf8(lf),
            Encodings.Utf8WithBom(lf.Replace("\n", "\r\n", StringComparison.Ordinal)),
            Encodings.Gb18030(lf.Replace("\n", "\r\n", StringComparison.Ordinal)),
            Encodings.Gb18030(lf),
        };
        foreach (var variant in variants)
        {
            Assert.Equal(ImportJson.Serialize(original), ImportJson.Serialize(importer.Import(variant)));
        }
    }

    private static (int ExitCode, string Output) RunScorer(string expected, string actual, string source)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { SharedFolder.Scorer, expected, actual, source })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PYTHONIOENCODING"] = "utf-8";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(ScorerTimeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "score-import timed out\n" + stdout);
        }

        return (process.ExitCode, stdout + stderr.Result);
    }
}
