using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Kubeguard.PromAudit.Http;

/// <summary>Builds the socket handler: no redirects, no proxy, bounded connect time, the chosen trust.</summary>
public static class HandlerFactory
{
    /// <summary>Creates a handler. <paramref name="caFile"/> adds a trusted CA; <paramref name="insecure"/> skips verification.</summary>
    /// <param name="connectTimeout">Bound on TCP and TLS connect.</param>
    /// <param name="caFile">PEM file of CA certificates to trust, or null.</param>
    /// <param name="insecure">Skip certificate verification (lab use only).</param>
    /// <param name="tls">Receives what the server's certificate says.</param>
    public static SocketsHttpHandler Create(TimeSpan connectTimeout, string? caFile, bool insecure, TlsObservation tls)
    {
        ArgumentNullException.ThrowIfNull(tls);
        X509Certificate2Collection? roots = null;
        if (caFile is not null)
        {
            roots = [];
            roots.ImportFromPemFile(caFile);
        }

        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            ConnectTimeout = connectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                {
                    if (certificate is X509Certificate2 cert)
                    {
                        tls.Subject = cert.Subject;
                        tls.NotAfter = cert.NotAfter.ToUniversalTime();
                    }

                    if (insecure || errors == SslPolicyErrors.None)
                    {
                        return true;
                    }

                    if (roots is null || certificate is not X509Certificate2 leaf || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
                    {
                        return false;
                    }

                    using var custom = new X509Chain();
                    custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    custom.ChainPolicy.CustomTrustStore.AddRange(roots);
                    custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return custom.Build(leaf);
                },
            },
        };
    }
}
