using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace CivilizationNews.Core.Media;

/// <summary>What fetching one pasted picture gave: its bytes, or a Chinese reason.</summary>
public sealed record RemoteImage(byte[]? Data, string? Error)
{
    public static RemoteImage Refuse(string error) => new(null, error);
}

/// <summary>
/// Fetches a picture named in pasted HTML (a WeChat article, a web page) so that it can enter the
/// media library instead of being hot-linked. The server makes this request on an editor's behalf,
/// so it must not become a way to reach the server's own network (SSRF):
/// <list type="bullet">
/// <item>only http and https, on any port, without credentials in the address;</item>
/// <item>every connection — the first and each redirect's — is made by <see cref="ConnectAsync"/>,
/// which resolves the host itself and connects only to an address <see cref="IsPublicAddress"/> allows,
/// so a name that resolves (or re-resolves) to 127.0.0.1, a private or link-local address is refused;</item>
/// <item>no proxy (a proxy would make the connection for us, unchecked); at most 3 redirects;</item>
/// <item>at most <see cref="ImageUploadValidator.MaxBytes"/> are read, within 20 seconds.</item>
/// </list>
/// What arrives is still only bytes: the library checks them like any upload.
/// </summary>
public sealed class RemoteImageFetcher : IDisposable
{
    public const string RefusedAddressMessage = "图片地址指向内部网络，不能导入。";
    public const string BadAddressMessage = "图片地址无效：只能导入 http 或 https 地址的图片。";
    public const string UnreachableMessage = "无法下载这张图片（来源网站没有响应或拒绝访问）。";
    public const string TooLargeMessage = "图片超过 10 MB，不能导入。";

    private readonly HttpClient _client;
    private readonly Func<IPAddress, bool> _allowed;

    public RemoteImageFetcher() : this(IsPublicAddress)
    {
    }

    /// <param name="allowed">Which addresses may be connected to; only tests pass anything but <see cref="IsPublicAddress"/>.</param>
    public RemoteImageFetcher(Func<IPAddress, bool> allowed)
    {
        _allowed = allowed;
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 3,
            ConnectCallback = ConnectAsync,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
        };
        _client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("CivilizationNews", "1.0"));
        _client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("image/*"));
    }

    /// <summary>Parses an address an editor's paste named: http or https, absolute, no user name or password.</summary>
    public static Uri? ParseAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > 2048
            || !Uri.TryCreate(address.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.UserInfo) || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }
        return uri;
    }

    /// <summary>
    /// Whether the server may connect to this address for a pasted picture: public unicast only. Refused:
    /// unspecified, loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16,
    /// fe80::/10, cloud metadata), carrier-grade NAT (100.64/10), benchmarking (198.18/15), "this network"
    /// (0/8), multicast and reserved (224/3), documentation ranges, and IPv4 reached through IPv6
    /// (mapped, 6to4, NAT64 and Teredo forms are judged by the IPv4 address they carry or refused).
    /// </summary>
    public static bool IsPublicAddress(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && (b[2] == 0 || b[2] == 2))
                || (b[0] == 198 && (b[1] == 18 || b[1] == 19))
                || (b[0] == 198 && b[1] == 51 && b[2] == 100)
                || (b[0] == 203 && b[1] == 0 && b[2] == 113));
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return false;
        }
        if (IPAddress.IPv6Loopback.Equals(address) || IPAddress.IPv6Any.Equals(address) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6Teredo || address.IsIPv6UniqueLocal)
        {
            return false;
        }
        var v6 = address.GetAddressBytes();
        // 2002::/16 (6to4), 64:ff9b::/96 (NAT64), 2001:db8::/32 (documentation), ::/96 (IPv4-compatible): refused outright.
        if ((v6[0] == 0x20 && v6[1] == 0x02) || (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b)
            || (v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0d && v6[3] == 0xb8) || v6.Take(12).All(x => x == 0))
        {
            return false;
        }
        // Global unicast is 2000::/3.
        return (v6[0] & 0xE0) == 0x20;
    }

    /// <summary>Downloads one picture: its bytes (not yet checked as an image), or why not.</summary>
    public async Task<RemoteImage> FetchAsync(string? address, CancellationToken cancellationToken = default)
    {
        if (ParseAddress(address) is not { } uri)
        {
            return RemoteImage.Refuse(BadAddressMessage);
        }
        try
        {
            using var response = await _client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return RemoteImage.Refuse(UnreachableMessage);
            }
            if (response.Content.Headers.ContentLength > ImageUploadValidator.MaxBytes)
            {
                return RemoteImage.Refuse(TooLargeMessage);
            }
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var copy = new MemoryStream();
                var buffer = new byte[81920];
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    if (copy.Length + read > ImageUploadValidator.MaxBytes)
                    {
                        return RemoteImage.Refuse(TooLargeMessage);
                    }
                    copy.Write(buffer, 0, read);
                }
                return new RemoteImage(copy.ToArray(), null);
            }
        }
        catch (HttpRequestException e) when (e.InnerException is RefusedAddressException)
        {
            return RemoteImage.Refuse(RefusedAddressMessage);
        }
        catch (HttpRequestException)
        {
            return RemoteImage.Refuse(UnreachableMessage);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout.
            return RemoteImage.Refuse(UnreachableMessage);
        }
    }

    /// <summary>Resolves the host here and connects only to an allowed address, so DNS cannot point the request inward.</summary>
    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host.Trim('[', ']'), out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        // Every address the name has must be allowed: a name with one public and one internal address is refused.
        if (addresses.Length == 0 || !addresses.All(_allowed))
        {
            throw new RefusedAddressException();
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose() => _client.Dispose();

    private sealed class RefusedAddressException : Exception
    {
        public RefusedAddressException() : base("The address is not a public one.")
        {
        }
    }
}
