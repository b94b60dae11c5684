using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CivilizationNews.Web.Tests.Support;

/// <summary>
/// The built portal running as a separate process on a free loopback port, as an operator runs it:
/// for tests that kill it, restart it, or talk raw HTTP to Kestrel.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>The test output's copy of the built portal, on a free port, in Production.</summary>
    public static Task<AppProcess> StartAsync(string dataDirectory, params string[] settings) =>
        StartListeningOnAsync("127.0.0.1", dataDirectory, settings);

    /// <summary>
    /// As <see cref="StartAsync(string, string[])"/>, but listening on <paramref name="listenHost"/>
    /// (0.0.0.0 for every interface); readiness is still asked of 127.0.0.1.
    /// </summary>
    public static async Task<AppProcess> StartListeningOnAsync(string listenHost, string dataDirectory, params string[] settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CivilizationNews.Web.dll"));
        start.ArgumentList.Add($"--DataDirectory={dataDirectory}");
        start.ArgumentList.Add($"--Urls=http://{listenHost}:{port}");
        start.ArgumentList.Add("--Database:SeedDemoContent=false");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        return await LaunchAsync(start, port, StartWithin);
    }

    /// <summary>Runs the built portal with a command-line verb (import, reindex, create-user…) to its exit, as an operator would.</summary>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunVerbAsync(string dataDirectory, string? stdin, params string[] args)
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
        using var timeout = new CancellationTokenSource(StartWithin);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// How long a start may take before the test gives up: only a bound on a hang. A start that
    /// migrates and seeds the demo paper takes seconds on a quiet machine and minutes on a loaded
    /// one (seen: over 90 s at a load average of 37 on 2 cores); a person would wait, so the tests do.
    /// </summary>
    private static readonly TimeSpan StartWithin = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The README's run command, word for word (<c>dotnet run --project src/CivilizationNews.Web</c>
    /// in the repository root), with no environment name set, as a newcomer's shell has none. Only
    /// the address and the data folder are given, as environment variables the README documents; the
    /// demo paper is seeded on first start as the README says. Building is part of the command, so
    /// the wait allows for it.
    /// </summary>
    public static async Task<AppProcess> StartFromReadmeAsync(string dataDirectory)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryRoot() };
        foreach (var arg in (string[])["run", "--project", "src/CivilizationNews.Web"])
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        // No build server left running after the test (it would outlive the run).
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["DataDirectory"] = dataDirectory;
        // Building is part of the command: allow for it on top of the start.
        return await LaunchAsync(start, port, StartWithin * 2);
    }

    /// <summary>
    /// <c>dotnet publish -c Release</c> of the portal into <paramref name="outputDirectory"/>, as
    /// docs/deployment.md says; fails with the publish output when it does not succeed.
    /// </summary>
    public static async Task PublishAsync(string outputDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in (string[])["publish", "src/CivilizationNews.Web", "-c", "Release", "-o", outputDirectory])
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }
    }

    /// <summary>
    /// The published output run the way docs/deployment.md runs it: <c>dotnet CivilizationNews.Web.dll</c>
    /// in the publish folder, in Production, on a loopback port behind the reverse proxy.
    /// </summary>
    public static async Task<AppProcess> StartPublishedAsync(string publishDirectory, string dataDirectory)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = publishDirectory };
        start.ArgumentList.Add("CivilizationNews.Web.dll");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["DataDirectory"] = dataDirectory;
        return await LaunchAsync(start, port, StartWithin);
    }

    /// <summary>The checkout: the nearest ancestor of the test output that holds CivilizationNews.sln.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CivilizationNews.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("No CivilizationNews.sln above " + AppContext.BaseDirectory);
    }

    private static async Task<AppProcess> LaunchAsync(ProcessStartInfo start, int port, TimeSpan readyWithin)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;
        var process = Process.Start(start)!;
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilReadyAsync(readyWithin);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>
    /// The lines the app logged at warning level or above (Serilog's console template writes
    /// "[HH:mm:ss WRN] …"): a clean start and a clean page view log none.
    /// </summary>
    public IReadOnlyList<string> Problems =>
        Output.Split('\n').Where(l => l.Contains(" WRN]", StringComparison.Ordinal) || l.Contains(" ERR]", StringComparison.Ordinal)
            || l.Contains(" FTL]", StringComparison.Ordinal)).ToList();

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan within)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.Add(within);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Starting slowly on a busy machine.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The app did not become ready:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, exactly what a crash or power cut leaves behind.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    /// <summary>Sends bytes as they are, so that Kestrel, not an HTTP client library, parses them.</summary>
    public async Task<(int Status, string Body)> RawGetAsync(string target)
    {
        using var socket = new TcpClient();
        await socket.ConnectAsync(IPAddress.Loopback, BaseAddress.Port);
        var stream = socket.GetStream();
        var request = Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        await stream.WriteAsync(request);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = await reader.ReadToEndAsync();
        var status = int.Parse(text.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        return (status, text);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }
        _process.Dispose();
    }
}

/// <summary>
/// A plain HttpClient against an app process with cookies kept by hand: the portal's cookies are
/// Secure and the process listens on plain loopback HTTP behind a pretend TLS proxy
/// (X-Forwarded-Proto: https), where HttpClient's own cookie store would drop them.
/// </summary>
public sealed class ProxiedSession : IDisposable
{
    private readonly HttpClient _client;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    public ProxiedSession(Uri baseAddress)
    {
        _client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = baseAddress };
    }

    public IReadOnlyDictionary<string, string> Cookies => _cookies;

    public void UseCookies(IReadOnlyDictionary<string, string> cookies)
    {
        foreach (var (name, value) in cookies)
        {
            _cookies[name] = value;
        }
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.Add("X-Forwarded-Proto", "https");
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        }
        var response = await _client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var cookie in setCookies)
            {
                var pair = cookie.Split(';', 2)[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                _cookies[pair[..eq]] = pair[(eq + 1)..];
            }
        }
        return response;
    }

    public async Task<string> TokenAsync(string page)
    {
        using var response = await SendAsync(HttpMethod.Get, page);
        var html = await response.Content.ReadAsStringAsync();
        var input = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html).QuerySelector("input[name='__RequestVerificationToken']");
        return input?.GetAttribute("value") ?? throw new InvalidOperationException($"No antiforgery token on {page} ({response.StatusCode})");
    }

    public async Task<HttpResponseMessage> PostFormAsync(string page, string action, Dictionary<string, string> fields)
    {
        var token = await TokenAsync(page);
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token)));
        return await SendAsync(HttpMethod.Post, action, content);
    }

    public void Dispose() => _client.Dispose();
}
