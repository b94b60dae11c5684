using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CivilizationNews.Web.Tests.Infrastructure;

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

    public static async Task<AppProcess> StartAsync(string dataDirectory, params string[] settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CivilizationNews.Web.dll"));
        start.ArgumentList.Add($"--DataDirectory={dataDirectory}");
        start.ArgumentList.Add($"--Urls=http://127.0.0.1:{port}");
        start.ArgumentList.Add("--Database:SeedDemoContent=false");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitUntilReadyAsync();
        return app;
    }

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

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
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
