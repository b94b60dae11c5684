using System.Net;
using CivilizationNews.Web.Infrastructure;
using CivilizationNews.Web.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace CivilizationNews.Web.Tests.Infrastructure;

/// <summary>
/// The public origin (issue 13 item 13, ADR-0012): in Production an app listening beyond this machine
/// refuses to start without Site:PublicBaseUrl and an AllowedHosts list, saying why; on loopback
/// (the README's run) and in Development it starts without them.
/// </summary>
public sealed class PublicOriginTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _data = Directory.CreateTempSubdirectory("cn-public-origin-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }

    [Theory]
    [InlineData(new string[0], "Site:PublicBaseUrl")]
    [InlineData(new[] { "--Site:PublicBaseUrl=https://news.example.cn" }, "AllowedHosts is \"*\"")]
    [InlineData(new[] { "--AllowedHosts=news.example.cn" }, "Site:PublicBaseUrl is not an absolute")]
    public async Task Production_on_every_interface_refuses_to_start_without_the_public_origin_and_host_list(string[] settings, string missing)
    {
        // As an operator would start it on a server: every interface, appsettings.json's defaults.
        var (exitCode, stdout, stderr) = await AppProcess.RunVerbAsync(_data, null, ["--Urls=http://0.0.0.0:1", .. settings]);

        var output = stdout + stderr;
        Assert.Equal(1, exitCode);
        Assert.Contains("Refusing to start", output, StringComparison.Ordinal);
        Assert.Contains("http://0.0.0.0:1", output, StringComparison.Ordinal);
        Assert.Contains(missing, output, StringComparison.Ordinal);
        Assert.Contains("docs/deployment.md", output, StringComparison.Ordinal);
        // Refused before the database was touched.
        Assert.Empty(Directory.EnumerateFiles(_data));
    }

    [Fact]
    public async Task Production_on_every_interface_starts_with_both_set_and_links_use_the_public_origin()
    {
        await using var app = await AppProcess.StartListeningOnAsync("0.0.0.0", _data,
            "--Site:PublicBaseUrl=https://news.example.cn", "--AllowedHosts=news.example.cn;127.0.0.1");
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/");
        forged.Headers.Host = "evil.example";
        using var refused = await client.SendAsync(forged, Ct);
        var feed = await client.GetStringAsync(new Uri("/feed/rss", UriKind.Relative), Ct);

        // A Host outside the list is refused; the feed's links are the configured origin.
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("https://news.example.cn/", feed, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", feed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Development_on_every_interface_starts_without_them()
    {
        await using var app = await AppProcess.StartListeningOnAsync("0.0.0.0", _data, "--environment=Development");
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.DoesNotContain("Refusing to start", app.Output, StringComparison.Ordinal);
    }

    // The loopback side in a separate process is every other AppProcess test (Production, 127.0.0.1,
    // no Site:PublicBaseUrl, AllowedHosts "*") and the as-shipped README run; here, the rule itself.
    [Theory]
    [InlineData("Production", "http://localhost:5080", null, null, false)]
    [InlineData("Production", "http://127.0.0.1:5080", null, null, false)]
    [InlineData("Production", "http://[::1]:5080;http://127.0.0.2:5081", null, null, false)]
    [InlineData("Production", "http://0.0.0.0:5080", null, null, true)]
    [InlineData("Production", "http://*:5080", null, null, true)]
    [InlineData("Production", "http://+:5080", null, null, true)]
    [InlineData("Production", "http://[::]:5080", null, null, true)]
    [InlineData("Production", "http://news.example.cn:80", null, null, true)]
    [InlineData("Production", "http://127.0.0.1:5080;http://10.0.0.7:5080", null, null, true)]
    [InlineData("Production", "http://0.0.0.0:5080", "https://news.example.cn", "*", true)]
    [InlineData("Production", "http://0.0.0.0:5080", "news.example.cn", "news.example.cn", true)]
    [InlineData("Production", "http://0.0.0.0:5080", "https://news.example.cn", "news.example.cn", false)]
    [InlineData("Development", "http://0.0.0.0:5080", null, null, false)]
    [InlineData("Staging", "http://0.0.0.0:5080", null, null, false)]
    public void The_rule(string environment, string urls, string? publicBaseUrl, string? allowedHosts, bool refused)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = urls, ["Site:PublicBaseUrl"] = publicBaseUrl, ["AllowedHosts"] = allowedHosts ?? "*",
        }).Build();

        Assert.Equal(refused, PublicOrigin.Problem(configuration, new Environment(environment)) is not null);
    }

    [Fact]
    public void Ports_without_urls_bind_every_interface_and_Kestrel_endpoints_count_too()
    {
        var ports = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["http_ports"] = "8080" }).Build();
        var endpoints = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:5080", ["Kestrel:Endpoints:Public:Url"] = "https://0.0.0.0:443",
        }).Build();
        var nothing = new ConfigurationBuilder().Build();

        Assert.NotNull(PublicOrigin.Problem(ports, new Environment("Production")));
        Assert.NotNull(PublicOrigin.Problem(endpoints, new Environment("Production")));
        Assert.Null(PublicOrigin.Problem(nothing, new Environment("Production")));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "CivilizationNews.Web";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
