using CivilizationNews.BrowserTests.Infrastructure;
using CivilizationNews.Web.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace CivilizationNews.BrowserTests.AsShipped;

/// <summary>
/// The portal as a person gets it: a separate process started the documented way (never
/// WebApplicationFactory, which switches on static web assets by itself and so hid issue 12),
/// plus one headless Chromium. Each subclass is one documented way to start it.
/// </summary>
public abstract class ShippedPortal : IAsyncLifetime
{
    private IPlaywright? _playwright;

    protected string WorkDirectory { get; } = Path.Combine(Path.GetTempPath(), "cn-as-shipped", Guid.NewGuid().ToString("N"));

    protected string DataDirectory => Path.Combine(WorkDirectory, "data");

    public AppProcess App { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>Headers the reverse proxy in front of the app adds to every request (none without one).</summary>
    public virtual IReadOnlyDictionary<string, string> ProxyHeaders { get; } = new Dictionary<string, string>();

    /// <summary>The journey name for screenshots.</summary>
    public abstract string Name { get; }

    protected abstract Task<AppProcess> StartAsync();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        App = await StartAsync();
        (_playwright, Browser) = await Chromium.LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean; a failed delete must not fail the run.
        }
        GC.SuppressFinalize(this);
    }
}

/// <summary><c>dotnet run --project src/CivilizationNews.Web</c> from a checkout, as the README says.</summary>
public sealed class ReadmeRun : ShippedPortal
{
    public override string Name => "as-shipped-readme";

    protected override Task<AppProcess> StartAsync() => AppProcess.StartFromReadmeAsync(DataDirectory);
}

/// <summary>
/// <c>dotnet publish -c Release</c>, then the published output in Production behind a TLS-terminating
/// reverse proxy (its X-Forwarded-Proto header is what the app sees of it), as docs/deployment.md says.
/// </summary>
public sealed class PublishedRun : ShippedPortal
{
    public override string Name => "as-shipped-published";

    public override IReadOnlyDictionary<string, string> ProxyHeaders { get; } =
        new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = "127.0.0.1" };

    protected override async Task<AppProcess> StartAsync()
    {
        var publish = Path.Combine(WorkDirectory, "publish");
        await AppProcess.PublishAsync(publish);
        return await AppProcess.StartPublishedAsync(publish, DataDirectory);
    }
}
