using System.Diagnostics;
using System.Globalization;
using System.Text;
using CivilizationNews.Core.Importing;
using CivilizationNews.Tests.Common;

// dotnet run -c Release --project bench/import-pathological -- [--sizes 1,5] [--only NAME]
// Imports every hostile page of tests/Common/PathologicalPages.cs (issue 13 item 5) at each size in
// megabytes, as the admin page does (bytes through the decoder), and prints how long each took and
// what the importer answered: a result (stories, warnings) or its refusal.

var sizes = (Option("--sizes") ?? "1,5").Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList();
var only = Option("--only");
var importer = new PrintPageImporter();

// The first import pays for JIT and the regex set-up; it is not one of the figures.
importer.Import("寒潮来袭\n\n本报讯 气温下降。\n");

Console.WriteLine($"import-pathological: {Environment.ProcessorCount} cores, sizes {string.Join(", ", sizes)} MB");
Console.WriteLine($"{"input",-30} {"MB",6} {"ms",9}  answer");
foreach (var (name, make) in PathologicalPages.All)
{
    if (only is not null && name != only)
    {
        continue;
    }

    foreach (var megabytes in sizes)
    {
        // Just under the importer's 5 MB limit at the top size, so every input is read, not refused as too large.
        var bytes = Encoding.UTF8.GetBytes(make((int)(megabytes * PathologicalPages.Megabyte) - 4096));
        var watch = Stopwatch.StartNew();
        string answer;
        try
        {
            var result = importer.Import(bytes);
            answer = $"{result.Articles.Count} stories, {result.Warnings.Count} warnings";
        }
        catch (ImportInputException e)
        {
            answer = $"refused ({e.Reason}): {e.Message}";
        }

        watch.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name,-30} {bytes.Length / (double)PathologicalPages.Megabyte,6:F2} {watch.Elapsed.TotalMilliseconds,9:F0}  {answer}"));
    }
}

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
