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

    // The two start-up logs are read from separate processes: in-process hosts running in parallel
    // share Serilog's static logger, so one test's sink can receive another app's events.

    [Fact]
    public async Task A_public_deployment_without_a_certificate_warns_at_start_up()
    {
        var data = Path.Combine(_folder, "public");
        await using var app = await AppProcess.StartAsync(data, "--Site:PublicBaseUrl=https://news.example.cn");

        Assert.Contains(app.Problems, line => line.Contains(" WRN]", StringComparison.Ordinal)
            && line.Contains("DATA-PROTECTION KEYS ARE STORED UNENCRYPTED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_local_run_keeps_its_keys_in_the_clear_without_a_warning()
    {
        // A fresh database: the app makes its first key at start, which data protection would warn about.
        var data = Path.Combine(_folder, "local");
        await using var app = await AppProcess.StartAsync(data);
        using var client = new HttpClient { BaseAddress = app.BaseAddress };
        using var login = await client.GetAsync(new Uri("/admin/account/login", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Data-protection keys are stored unencrypted: acceptable for this local run", app.Output, StringComparison.Ordinal);
        Assert.True(app.Problems.Count == 0, "The app logged:\n" + string.Join('\n', app.Problems));
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
}
