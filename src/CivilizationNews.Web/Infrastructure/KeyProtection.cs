using System.Security.Cryptography.X509Certificates;
using CivilizationNews.Core.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace CivilizationNews.Web.Infrastructure;

/// <summary>The "DataProtection" configuration section: the certificate that encrypts the keys at rest.</summary>
public sealed class KeyProtectionSettings
{
    public const string SectionName = "DataProtection";

    /// <summary>A PKCS#12 file (.pfx, .p12) with its private key, or a PEM certificate (.pem, .crt); relative to the content root.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PKCS#12 file's password, or the PEM private key's when it is encrypted.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The PEM private key, when it is not in the certificate's file.</summary>
    public string? CertificateKeyPath { get; set; }
}

/// <summary>
/// The data-protection keys sign the newsroom's cookies and antiforgery tokens. They live in the
/// database (so every instance shares them, ADR-0007) and therefore in every backup: a key in the
/// clear lets whoever holds a backup forge an administrator's cookie. With a certificate configured
/// each key is encrypted with it (ProtectKeysWithCertificate, XML encryption), so a backup alone is
/// useless; without one, a public deployment logs a warning at every start (event 2010). Issue 13
/// item 7; docs/operations.md says how to make and configure the certificate.
/// </summary>
public static partial class KeyProtection
{
    public static void AddPortalDataProtection(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = builder.Configuration.GetSection(KeyProtectionSettings.SectionName).Get<KeyProtectionSettings>() ?? new KeyProtectionSettings();
        var protection = builder.Services.AddDataProtection()
            .SetApplicationName("CivilizationNews")
            .PersistKeysToDbContext<NewsDbContext>();
        var certificate = Load(settings, builder.Environment.ContentRootPath);
        if (certificate is not null)
        {
            // The same certificate decrypts the keys it encrypted, without a certificate store.
            protection.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }

        var isPublic = PublicOrigin.IsPublicDeployment(builder.Configuration, builder.Environment);
        if (certificate is null && !isPublic)
        {
            // A local run (the README's dotnet run, the tests) keeps its keys in the clear on purpose:
            // saying so explicitly stops data protection warning about it on every new key, so that a
            // local start stays warning-free, while a public deployment without a certificate gets
            // both that warning and event 2010.
            builder.Services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new NullXmlEncryptor());
        }

        builder.Services.AddHostedService(services => new KeyProtectionReport(
            services.GetRequiredService<ILogger<KeyProtectionReport>>(), certificate?.Thumbprint, isPublic));
    }

    /// <summary>The configured certificate with its private key, or null when none is configured.</summary>
    /// <exception cref="InvalidOperationException">The file is missing, unreadable, or has no private key: the app does not start.</exception>
    public static X509Certificate2? Load(KeyProtectionSettings settings, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(settings.CertificatePath))
        {
            return null;
        }

        var path = Path.GetFullPath(settings.CertificatePath, contentRoot);
        var keyPath = string.IsNullOrWhiteSpace(settings.CertificateKeyPath) ? null : Path.GetFullPath(settings.CertificateKeyPath, contentRoot);
        var password = string.IsNullOrEmpty(settings.CertificatePassword) ? null : settings.CertificatePassword;
        X509Certificate2 certificate;
        try
        {
            certificate = IsPem(path) || keyPath is not null ? LoadPem(path, keyPath, password) : X509CertificateLoader.LoadPkcs12FromFile(path, password);
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"DataProtection:CertificatePath {path} could not be read ({e.Message}). Check the file, its password (DataProtection:CertificatePassword) and, for PEM, DataProtection:CertificateKeyPath (docs/operations.md).", e);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException(
                $"DataProtection:CertificatePath {path} holds no private key: the keys could be encrypted but never read back. Use the .pfx with its key, or give the PEM key in DataProtection:CertificateKeyPath (docs/operations.md).");
        }

        return certificate;
    }

    private static bool IsPem(string path) =>
        Path.GetExtension(path).ToLowerInvariant() is ".pem" or ".crt" or ".cer";

    private static X509Certificate2 LoadPem(string path, string? keyPath, string? password)
    {
        using var pem = password is null
            ? X509Certificate2.CreateFromPemFile(path, keyPath)
            : X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath);
        // A key read from PEM is ephemeral, which Windows refuses to decrypt with; read back as
        // PKCS#12 it behaves like a .pfx everywhere.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Says at start-up how the keys are stored: encrypted, or in the clear (a warning when the site is public).</summary>
    internal sealed partial class KeyProtectionReport(ILogger<KeyProtectionReport> logger, string? thumbprint, bool isPublic) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (thumbprint is not null)
            {
                LogEncrypted(logger, thumbprint);
            }
            else if (isPublic)
            {
                LogUnencrypted(logger);
            }
            else
            {
                LogUnencryptedLocal(logger);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(EventId = 2011, Level = LogLevel.Information, Message = "Data-protection keys are encrypted at rest with certificate {Thumbprint}")]
        private static partial void LogEncrypted(ILogger logger, string thumbprint);

        [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "DATA-PROTECTION KEYS ARE STORED UNENCRYPTED in the database and in every backup of it: anyone with a copy can forge a newsroom sign-in, an administrator's included. Configure DataProtection:CertificatePath (and CertificatePassword) to encrypt them; docs/operations.md says how")]
        private static partial void LogUnencrypted(ILogger logger);

        [LoggerMessage(EventId = 2012, Level = LogLevel.Information, Message = "Data-protection keys are stored unencrypted: acceptable for this local run (loopback, no Site:PublicBaseUrl); configure DataProtection:CertificatePath before deploying (docs/operations.md)")]
        private static partial void LogUnencryptedLocal(ILogger logger);
    }
}
