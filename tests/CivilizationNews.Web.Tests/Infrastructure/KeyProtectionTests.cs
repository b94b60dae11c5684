using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CivilizationNews.Core.Accounts;
using CivilizationNews.Core.Data;
using CivilizationNews.Web.Infrastructure;
using CivilizationNews.Web.Tests.Support;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace CivilizationNews.Web.Tests.Infrastructure;

/// <summary>
/// Data-protection keys at rest (issue 13 item 7): with a certificate configured the stored key XML
/// is encrypted and the newsroom still signs in; a public deployment without one says so loudly.
/// </summary>
public sealed class KeyProtectionTests : IDisposable
{
    private const string Password = "only-for-this-test";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Directory.CreateTempSubdirectory("cn-key-protection-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task With_a_certificate_the_stored_keys_are_encrypted_and_the_newsroom_signs_in()
    {
        var pfx = Path.Combine(_folder, "keys.pfx");
        using (var certificate = SelfSigned())
        {
            await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, Password), Ct);
        }
        await using var factory = await PortalFactory.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = pfx,
            ["DataProtection:CertificatePassword"] = Password,
        });
        // The template database already holds a key made without a certificate: the app starts from
        // none, so that the key it makes now is the one examined.
        await DeleteKeysAsync(factory);

        var editor = await AdminClient.SignInAsync(factory, NewsRoles.Editor);
        using var dashboard = await editor.GetAsync(new Uri("/admin", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var stored = await factory.QueryAsync(db => db.DataProtectionKeys.Select(k => k.Xml).ToListAsync(Ct));
        Assert.NotEmpty(stored);
        Assert.All(stored, xml =>
        {
            Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            Assert.Contains("EncryptedData", xml, StringComparison.Ordinal);
        });
        // Read back from the database and decrypted, as a restarted app or another node reads them.
        var keys = factory.Services.GetRequiredService<IKeyManager>().GetAllKeys();
        Assert.All(keys, k => Assert.NotNull(k.Descriptor));
    }

    [Fact]
    public async Task A_PEM_certificate_and_key_are_read_too()
    {
        using var certificate = SelfSigned();
        using var rsa = certificate.GetRSAPrivateKey()!;
        var certificatePath = Path.Combine(_folder, "keys.crt");
        var keyPath = Path.Combine(_folder, "keys.key");
        await File.WriteAllTextAsync(certificatePath, certificate.ExportCertificatePem(), Ct);
        await File.WriteAllTextAsync(keyPath, rsa.ExportPkcs8PrivateKeyPem(), Ct);

        using var loaded = KeyProtection.Load(new KeyProtectionSettings { CertificatePath = certificatePath, CertificateKeyPath = keyPath }, _folder);

        Assert.NotNull(loaded);
        Assert.True(loaded.HasPrivateKey);
        Assert.Equal(certificate.Thumbprint, loaded.Thumbprint);
    }

    [Fact]
    public async Task A_certificate_without_its_private_key_stops_the_start_with_the_setting_named()
    {
        using var certificate = SelfSigned();
        var publicOnly = Path.Combine(_folder, "public.crt");
        await File.WriteAllTextAsync(publicOnly, certificate.ExportCertificatePem(), Ct);

        var e = Assert.Throws<InvalidOperationException>(() => KeyProtection.Load(new KeyProtectionSettings { CertificatePath = publicOnly }, _folder));

        Assert.Contains("DataProtection:CertificatePath", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_deployment_without_a_certificate_warns_at_start_up()
    {
        var log = new EventLog();
        await using var factory = await PortalFactory.CreateAsync(
            settings: new Dictionary<string, string?> { ["Site:PublicBaseUrl"] = "https://news.example.cn" },
            services: s => s.AddSingleton<ILogEventSink>(log));

        _ = factory.Services;

        var warning = Assert.Single(log.Events, e => e.EventId == 2010);
        Assert.Equal(LogEventLevel.Warning, warning.Level);
        Assert.Contains("UNENCRYPTED", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_local_run_keeps_its_keys_in_the_clear_without_a_warning()
    {
        var log = new EventLog();
        await using var factory = await PortalFactory.CreateAsync(services: s => s.AddSingleton<ILogEventSink>(log));
        await DeleteKeysAsync(factory);

        // A new key is made at start: data protection would warn that it is unencrypted.
        await AdminClient.SignInAsync(factory, NewsRoles.Editor);

        Assert.Contains(log.Events, e => e.EventId == 2012);
        Assert.DoesNotContain(log.Events, e => e.Level >= LogEventLevel.Warning);
    }

    /// <summary>Empties the key table of the factory's database copy before the app starts.</summary>
    private static async Task DeleteKeysAsync(PortalFactory factory)
    {
        await using var connection = new SqliteConnection(DatabaseSetup.SqliteConnectionString(factory.DataDirectory));
        await connection.OpenAsync(Ct);
        await using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM DataProtectionKeys";
        await delete.ExecuteNonQueryAsync(Ct);
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=CivilizationNews data protection (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    /// <summary>Every event the app logs, with its event id (Serilog keeps it as a property).</summary>
    private sealed class EventLog : ILogEventSink
    {
        private readonly ConcurrentQueue<(int EventId, LogEventLevel Level, string Message)> _events = new();

        public IReadOnlyList<(int EventId, LogEventLevel Level, string Message)> Events => [.. _events];

        public void Emit(LogEvent logEvent)
        {
            var id = logEvent.Properties.TryGetValue("EventId", out var value) && value is StructureValue structure
                && structure.Properties.FirstOrDefault(p => p.Name == "Id")?.Value is ScalarValue { Value: int number } ? number : 0;
            _events.Enqueue((id, logEvent.Level, logEvent.RenderMessage(CultureInfo.InvariantCulture)));
        }
    }
}
