using System.Net;
using System.Net.Sockets;
using CivilizationNews.Core.Media;

namespace CivilizationNews.Core.Tests.Media;

/// <summary>
/// Pictures named in pasted HTML are fetched by the server (issue 15): only from public addresses,
/// whatever the address, a name or a redirect says (SSRF). Every request here stays on loopback.
/// </summary>
public sealed class RemoteImageFetcherTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("0.0.0.0")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("198.18.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("fc00::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("2002:7f00:1::")]
    [InlineData("64:ff9b::7f00:1")]
    [InlineData("::127.0.0.1")]
    public void Loopback_private_link_local_and_reserved_addresses_are_refused(string address)
    {
        Assert.False(RemoteImageFetcher.IsPublicAddress(IPAddress.Parse(address)), address);
    }

    [Theory]
    [InlineData("1.1.1.1")]
    [InlineData("202.108.22.5")]
    [InlineData("172.32.0.1")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2400:3200::1")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.True(RemoteImageFetcher.IsPublicAddress(IPAddress.Parse(address)), address);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.com/a.jpg")]
    [InlineData("gopher://example.com/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:image/png;base64,AAAA")]
    [InlineData("//example.com/a.jpg")]
    [InlineData("http://user:secret@example.com/a.jpg")]
    [InlineData("")]
    public async Task Only_plain_http_and_https_addresses_are_fetched(string address)
    {
        using var fetcher = new RemoteImageFetcher();
        var result = await fetcher.FetchAsync(address, TestContext.Current.CancellationToken);
        Assert.Null(result.Data);
        Assert.Equal(RemoteImageFetcher.BadAddressMessage, result.Error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:{0}/photo.png")]
    [InlineData("http://localhost:{0}/photo.png")]
    [InlineData("http://[::1]:{0}/photo.png")]
    [InlineData("http://2130706433:{0}/photo.png")]
    [InlineData("http://0x7f.1:{0}/photo.png")]
    public async Task A_server_on_this_machine_is_never_asked(string template)
    {
        using var server = new ImageServer();
        using var fetcher = new RemoteImageFetcher();
        var result = await fetcher.FetchAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, server.Port), TestContext.Current.CancellationToken);
        Assert.Null(result.Data);
        Assert.Equal(RemoteImageFetcher.RefusedAddressMessage, result.Error);
        Assert.Equal(0, server.Requests);
    }

    [Fact]
    public async Task An_allowed_address_gives_the_picture_s_bytes()
    {
        using var server = new ImageServer();
        using var fetcher = new RemoteImageFetcher(ip => IPAddress.IsLoopback(ip));
        var result = await fetcher.FetchAsync($"http://127.0.0.1:{server.Port}/photo.png", TestContext.Current.CancellationToken);
        Assert.Null(result.Error);
        Assert.Equal(ImageServer.Body, result.Data);
    }

    [Fact]
    public async Task A_redirect_to_a_refused_address_is_not_followed()
    {
        using var server = new ImageServer();
        // 127.0.0.1 stands for a public site here; the redirect's 127.0.0.2 for the internal one.
        using var fetcher = new RemoteImageFetcher(ip => ip.Equals(IPAddress.Loopback));
        var result = await fetcher.FetchAsync($"http://127.0.0.1:{server.Port}/redirect", TestContext.Current.CancellationToken);
        Assert.Null(result.Data);
        Assert.Equal(RemoteImageFetcher.RefusedAddressMessage, result.Error);
    }

    [Fact]
    public async Task A_picture_over_10_MB_is_refused_while_reading()
    {
        using var server = new ImageServer();
        using var fetcher = new RemoteImageFetcher(ip => IPAddress.IsLoopback(ip));
        var result = await fetcher.FetchAsync($"http://127.0.0.1:{server.Port}/huge", TestContext.Current.CancellationToken);
        Assert.Null(result.Data);
        Assert.Equal(RemoteImageFetcher.TooLargeMessage, result.Error);
    }

    [Fact]
    public async Task A_missing_picture_is_reported_not_thrown()
    {
        using var server = new ImageServer();
        using var fetcher = new RemoteImageFetcher(ip => IPAddress.IsLoopback(ip));
        var result = await fetcher.FetchAsync($"http://127.0.0.1:{server.Port}/missing", TestContext.Current.CancellationToken);
        Assert.Equal(RemoteImageFetcher.UnreachableMessage, result.Error);
    }

    /// <summary>A tiny HTTP server on a free loopback port: /photo.png, /redirect (to 127.0.0.2), /huge (chunked, 11 MB), else 404.</summary>
    private sealed class ImageServer : IDisposable
    {
        public static readonly byte[] Body = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        private readonly HttpListener _listener = new();
        private int _requests;

        public ImageServer()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public int Port { get; }

        public int Requests => Volatile.Read(ref _requests);

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                Interlocked.Increment(ref _requests);
                var response = context.Response;
                try
                {
                    switch (context.Request.Url?.AbsolutePath)
                    {
                        case "/photo.png":
                            response.ContentType = "image/png";
                            await response.OutputStream.WriteAsync(Body);
                            break;
                        case "/redirect":
                            response.StatusCode = 302;
                            response.RedirectLocation = $"http://127.0.0.2:{Port}/photo.png";
                            break;
                        case "/huge":
                            response.SendChunked = true;
                            var chunk = new byte[1024 * 1024];
                            for (var i = 0; i < 11; i++)
                            {
                                await response.OutputStream.WriteAsync(chunk);
                            }
                            break;
                        default:
                            response.StatusCode = 404;
                            break;
                    }
                    response.Close();
                }
                catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
                {
                    // The client stopped reading (the 10 MB limit): nothing to answer.
                }
            }
        }

        public void Dispose() => _listener.Close();
    }
}
