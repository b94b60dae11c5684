using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CivilizationNews.Web.Tests.Support;

/// <summary>
/// A real redis-server (Debian's package, installed by .ci/run) on a free loopback port, owned by one
/// test: started, killed and started again on the same port with its data, as an operator's Redis
/// restarts. It keeps its append-only file in its own folder, so what was cached before a restart
/// is there after it.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cn-redis-").FullName;
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>The StackExchange.Redis configuration string the app takes as OutputCache:Redis.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public static async Task<RedisServer> StartAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var server = new RedisServer(port);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on its port and waits until it answers PING.</summary>
    public async Task StartAgainAsync()
    {
        var executable = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _directory,
        };
        foreach (var arg in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--dir", _directory, "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(arg);
        }
        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("redis-server is not installed (Debian: apt-get install redis-server; .ci/run does it).", ex);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        // Only a bound on a hang: it answers within milliseconds.
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_process.ExitCode}");
            }
            if (await PingAsync())
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("redis-server did not answer PING");
    }

    /// <summary>SIGKILL, as a crash or an operator's stop leaves it: connections drop at once.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Runs one command (RESP inline form) and returns the raw reply.</summary>
    public async Task<string> CommandAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        var buffer = new byte[64 * 1024];
        var read = await stream.ReadAsync(buffer);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            return (await CommandAsync("PING")).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
