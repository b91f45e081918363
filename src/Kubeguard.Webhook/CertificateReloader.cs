using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Kubeguard.Webhook;

/// <summary>
/// Serves the TLS certificate from a PEM certificate and key file pair and swaps it when the files
/// change (cert-manager rotates them in place or through symlinks). New TLS handshakes get the new
/// certificate; established connections keep theirs, so nothing is dropped. A half-written or
/// mismatched pair is ignored until it becomes valid.
/// </summary>
public sealed partial class CertificateReloader : IDisposable
{
    private readonly string _certFile;
    private readonly string _keyFile;
    private readonly ILogger _logger;
    private readonly Timer _timer;
    private readonly Lock _gate = new();
    private byte[] _certBytes;
    private byte[] _keyBytes;
    private SslStreamCertificateContext _context;

    /// <summary>Loads the pair and starts watching it.</summary>
    /// <exception cref="WebhookStartupException">The files cannot be read or do not form a certificate with its key.</exception>
    public CertificateReloader(string certFile, string keyFile, TimeSpan checkInterval, ILogger logger)
    {
        _certFile = certFile;
        _keyFile = keyFile;
        _logger = logger;
        try
        {
            (_certBytes, _keyBytes) = ReadFiles();
            (_context, Certificate) = Build(_certBytes, _keyBytes);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new WebhookStartupException($"cannot load TLS certificate {certFile} with key {keyFile}: {ex.Message}", ex);
        }

        _timer = new Timer(_ => ReloadIfChanged(), null, checkInterval, checkInterval);
    }

    /// <summary>The certificate new connections get.</summary>
    public X509Certificate2 Certificate { get; private set; }

    /// <summary>The TLS context new connections get (certificate plus chain).</summary>
    public SslStreamCertificateContext Context => Volatile.Read(ref _context);

    /// <summary>Re-reads the files and swaps the certificate when their content changed and is valid.</summary>
    /// <returns>True when a new certificate was installed.</returns>
    public bool ReloadIfChanged()
    {
        lock (_gate)
        {
            byte[] cert;
            byte[] key;
            try
            {
                (cert, key) = ReadFiles();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogReloadFailed(_logger, ex.Message);
                return false;
            }

            if (cert.AsSpan().SequenceEqual(_certBytes) && key.AsSpan().SequenceEqual(_keyBytes))
            {
                return false;
            }

            try
            {
                var (context, certificate) = Build(cert, key);
                Volatile.Write(ref _context, context);
                Certificate = certificate;
                _certBytes = cert;
                _keyBytes = key;
                LogReloaded(_logger, certificate.Subject, certificate.Thumbprint, certificate.NotAfter);
                return true;
            }
            catch (Exception ex) when (ex is CryptographicException or ArgumentException)
            {
                // Often a rotation caught between writing the certificate and the key: retry next tick.
                LogReloadFailed(_logger, ex.Message);
                return false;
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _timer.Dispose();

    private (byte[] Cert, byte[] Key) ReadFiles() => (File.ReadAllBytes(_certFile), File.ReadAllBytes(_keyFile));

    private static (SslStreamCertificateContext Context, X509Certificate2 Certificate) Build(byte[] certPem, byte[] keyPem)
    {
        var certText = System.Text.Encoding.UTF8.GetString(certPem);
        var keyText = System.Text.Encoding.UTF8.GetString(keyPem);
        using var leaf = X509Certificate2.CreateFromPem(certText, keyText);

        // Ephemeral PEM keys are re-imported as PKCS#12 so every platform's TLS stack can use them.
        var certificate = X509CertificateLoader.LoadPkcs12(leaf.Export(X509ContentType.Pkcs12), null);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(certText);
        var intermediates = new X509Certificate2Collection();
        foreach (var c in chain)
        {
            if (c.Thumbprint != certificate.Thumbprint)
            {
                intermediates.Add(c);
            }
        }

        return (SslStreamCertificateContext.Create(certificate, intermediates, offline: true), certificate);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS certificate loaded: {Subject} {Thumbprint}, valid until {NotAfter}")]
    private static partial void LogReloaded(ILogger logger, string subject, string thumbprint, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "TLS certificate files changed but cannot be loaded yet; keeping the current certificate: {Error}")]
    private static partial void LogReloadFailed(ILogger logger, string error);
}
