using System.Diagnostics;
using System.Text;
using CivilizationNews.Core.Importing;
using CivilizationNews.Tests.Common;

namespace CivilizationNews.Core.Tests.Importing;

/// <summary>
/// Imports each fixture page from its raw bytes and has the team's scorer (shared/tools/score-import)
/// compare the JSON with the expected structure, including its check that no text of the page was
/// lost. The pages are the team's (shared/fixtures/print-pages) and the importer's own
/// (Importing/Fixtures, one page per pattern that real pages broke). A page's variants
/// (NAME.variant-*.txt: the same page with other marker forms or line ends) share NAME.expected.json
/// and must give exactly the JSON of NAME.txt. Pages added to either folder are picked up automatically.
/// </summary>
public sealed class FixturePagesTests
{
    private const string Shared = "shared";
    private const string Own = "own";
    private const string VariantInfix = ".variant-";

    private static readonly TimeSpan ScorerTimeout = TimeSpan.FromMinutes(1);

    private static string OwnFixtures => Path.Combine(AppContext.BaseDirectory, "Importing", "Fixtures");

    /// <summary>Every page, variants included, as "folder/name".</summary>
    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>();
        foreach (var page in AllPages())
        {
            pages.Add(page);
        }

        return pages;
    }

    /// <summary>The variants only.</summary>
    public static TheoryData<string> Variants()
    {
        var pages = new TheoryData<string>();
        foreach (var page in AllPages().Where(p => p.Contains(VariantInfix, StringComparison.Ordinal)))
        {
            pages.Add(page);
        }

        return pages;
    }

    [Fact]
    public void TheFixtureFoldersAreFoundAndHoldThePages()
    {
        Assert.True(SharedFolder.Exists, $"shared/fixtures/print-pages not found; set {SharedFolder.EnvironmentVariable}.");
        Assert.True(AllPages().Count(p => p.StartsWith(Shared + "/", StringComparison.Ordinal)) >= 4, "expected at least the four shared fixture pages");
        Assert.True(AllPages().Count(p => p.StartsWith(Own + "/", StringComparison.Ordinal)) >= 4, $"expected the importer's own pages in {OwnFixtures}");
        Assert.True(File.Exists(SharedFolder.Scorer), $"scorer missing: {SharedFolder.Scorer}");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void ScorerGivesFullMarks(string page)
    {
        var (source, expected) = Files(page);
        var result = new PrintPageImporter().Import(File.ReadAllBytes(source));

        var actual = Path.Combine(Path.GetTempPath(), $"cn-import-{Guid.NewGuid():N}.json");
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

    /// <summary>LF, CRLF and CR-only line ends, with or without a BOM, in UTF-8 or GB18030: one import.</summary>
    [Theory]
    [MemberData(nameof(Pages))]
    public void OtherEncodingAndLineEndsGiveTheSameImport(string page)
    {
        var importer = new PrintPageImporter();
        var bytes = File.ReadAllBytes(Files(page).Source);
        var original = ImportJson.Serialize(importer.Import(bytes));
        var lf = TestEncodings.Decode(bytes).ReplaceLineEndings("\n");
        var crlf = lf.Replace("\n", "\r\n", StringComparison.Ordinal);
        var cr = lf.Replace('\n', '\r');

        var variants = new (string Name, byte[] Bytes)[]
        {
            ("UTF-8 LF", TestEncodings.Utf8(lf)),
            ("UTF-8 CRLF", TestEncodings.Utf8(crlf)),
            ("UTF-8 CR", TestEncodings.Utf8(cr)),
            ("UTF-8 BOM CRLF", TestEncodings.Utf8WithBom(crlf)),
            ("UTF-8 BOM CR", TestEncodings.Utf8WithBom(cr)),
            ("GB18030 LF", TestEncodings.Gb18030(lf)),
            ("GB18030 CRLF", TestEncodings.Gb18030(crlf)),
            ("GB18030 CR", TestEncodings.Gb18030(cr)),
        };
        foreach (var (name, variant) in variants)
        {
            var json = ImportJson.Serialize(importer.Import(variant));
            Assert.True(original == json, $"{page} as {name} imports differently:\n{json}");
        }
    }

    /// <summary>Half- and full-width markers, dash forms, colons after 本报讯, page numbers in letters or Chinese numerals.</summary>
    [Theory]
    [MemberData(nameof(Variants))]
    public void MarkerVariantsGiveIdenticalJson(string page)
    {
        var importer = new PrintPageImporter();
        var basePage = page[..page.IndexOf(VariantInfix, StringComparison.Ordinal)];
        var expected = ImportJson.Serialize(importer.Import(File.ReadAllBytes(Files(basePage).Source)));
        var actual = ImportJson.Serialize(importer.Import(File.ReadAllBytes(Files(page).Source)));
        Assert.Equal(expected, actual);
    }

    private static List<string> AllPages()
    {
        var pages = new List<string>();
        if (SharedFolder.Exists)
        {
            pages.AddRange(Names(SharedFolder.PrintPages).Select(n => $"{Shared}/{n}"));
        }

        if (Directory.Exists(OwnFixtures))
        {
            pages.AddRange(Names(OwnFixtures).Select(n => $"{Own}/{n}"));
        }

        return pages;
    }

    /// <summary>Each page that has an expected structure, and each variant of it.</summary>
    private static IEnumerable<string> Names(string folder)
    {
        foreach (var expected in Directory.GetFiles(folder, "*.expected.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(expected)[..^".expected.json".Length];
            yield return name;
            foreach (var variant in Directory.GetFiles(folder, name + VariantInfix + "*.txt").Order(StringComparer.Ordinal))
            {
                yield return Path.GetFileNameWithoutExtension(variant);
            }
        }
    }

    /// <summary>The page's text file, for other tests that run over every fixture page.</summary>
    internal static string SourceOf(string page) => Files(page).Source;

    private static (string Source, string Expected) Files(string page)
    {
        var slash = page.IndexOf('/', StringComparison.Ordinal);
        var folder = page[..slash] == Shared ? SharedFolder.PrintPages : OwnFixtures;
        var name = page[(slash + 1)..];
        var variant = name.IndexOf(VariantInfix, StringComparison.Ordinal);
        var baseName = variant < 0 ? name : name[..variant];
        return (Path.Combine(folder, name + ".txt"), Path.Combine(folder, baseName + ".expected.json"));
    }

    private static (int ExitCode, string Output) RunScorer(string expected, string actual, string source) =>
        RunTool(SharedFolder.Scorer, expected, actual, source);

    /// <summary>Runs one of the team's Python tools (shared/tools) and returns its exit code and output.</summary>
    internal static (int ExitCode, string Output) RunTool(params string[] arguments)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
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
            return (-1, $"{arguments[0]} timed out\n" + stdout);
        }

        return (process.ExitCode, stdout + stderr.Result);
    }
}
