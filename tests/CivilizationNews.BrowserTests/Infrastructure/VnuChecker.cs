using System.Diagnostics;
using System.Text.Json;

namespace CivilizationNews.BrowserTests.Infrastructure;

/// <summary>
/// The Nu HTML Checker (vnu.jar from the npm package vnu-jar) run with the machine's Java.
/// The jar is installed once into a cache folder with npm (scripts off: Java is already there).
/// </summary>
public static class VnuChecker
{
    public const string Version = "26.9.27";

    private static readonly SemaphoreSlim InstallLock = new(1, 1);

    /// <summary>One message from the checker about one file.</summary>
    public sealed record Message(string File, string Type, string? SubType, int Line, string Text, string? Extract)
    {
        public bool IsError => Type is "error" or "non-document-error";

        public override string ToString() => $"{Path.GetFileName(File)}:{Line} {Type}{(SubType is null ? "" : "/" + SubType)}: {Text} «{Extract?.Trim()}»";
    }

    /// <summary>Checks the given HTML files in one Java start and returns every message.</summary>
    public static async Task<IReadOnlyList<Message>> CheckAsync(IReadOnlyCollection<string> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var jar = await LocateAsync(cancellationToken);
        var start = new ProcessStartInfo("java")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["-jar", jar, "--format", "json", "--exit-zero-always", "--stdout", .. files])
        {
            start.ArgumentList.Add(arg);
        }
        var (code, stdout, stderr) = await RunAsync(start, cancellationToken);
        if (code != 0)
        {
            throw new InvalidOperationException($"vnu.jar exited {code}: {stderr}");
        }
        using var json = JsonDocument.Parse(stdout);
        return [.. json.RootElement.GetProperty("messages").EnumerateArray().Select(m => new Message(
            m.TryGetProperty("url", out var url) ? LocalPath(url.GetString()!) : "?",
            m.GetProperty("type").GetString()!,
            m.TryGetProperty("subType", out var sub) ? sub.GetString() : null,
            m.TryGetProperty("lastLine", out var line) ? line.GetInt32() : 0,
            m.GetProperty("message").GetString()!,
            m.TryGetProperty("extract", out var extract) ? extract.GetString() : null))];
    }

    /// <summary>vnu names files as "file:/dir/name.html".</summary>
    private static string LocalPath(string url) =>
        url.StartsWith("file:", StringComparison.Ordinal) ? Uri.UnescapeDataString(url["file:".Length..]) : url;

    private static async Task<string> LocateAsync(CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("VNU_JAR") is { Length: > 0 } configured && File.Exists(configured))
        {
            return configured;
        }
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var cache = Path.Combine(home.Length > 0 ? home : Path.GetTempPath(), ".cache", "civilizationnews", $"vnu-jar-{Version}");
        var jar = Path.Combine(cache, "node_modules", "vnu-jar", "build", "dist", "vnu.jar");
        await InstallLock.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(jar))
            {
                Directory.CreateDirectory(cache);
                var npm = new ProcessStartInfo("npm")
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                };
                foreach (var arg in (string[])["install", "--prefix", cache, "--no-audit", "--no-fund", "--ignore-scripts", "--no-save", $"vnu-jar@{Version}"])
                {
                    npm.ArgumentList.Add(arg);
                }
                var (code, _, stderr) = await RunAsync(npm, cancellationToken);
                if (code != 0 || !File.Exists(jar))
                {
                    throw new InvalidOperationException($"npm could not install vnu-jar@{Version} (exit {code}): {stderr}");
                }
            }
        }
        finally
        {
            InstallLock.Release();
        }
        return jar;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout, await stderr);
    }
}
