using System.Diagnostics;
using System.Text;

namespace CivilizationNews.Web.Tests.Support;

/// <summary>Runs the built portal as a separate process with a command-line verb, as an operator would.</summary>
public static class CliProcess
{
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(string dataDirectory, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CivilizationNews.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.ArgumentList.Add($"--DataDirectory={dataDirectory}");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteLineAsync(stdin);
        }
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // Only a bound on a hang: seed-demo paints photos and takes minutes on a loaded machine.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>The shared fixtures folder: CN_SHARED_DIR, or a "shared" folder beside an ancestor of the test output.</summary>
    public static string SharedDirectory()
    {
        if (Environment.GetEnvironmentVariable("CN_SHARED_DIR") is { Length: > 0 } configured)
        {
            return configured;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (Directory.Exists(Path.Combine(candidate, "fixtures", "print-pages")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("shared/fixtures/print-pages not found beside the repository (set CN_SHARED_DIR)");
    }
}
