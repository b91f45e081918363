using System.Net;

namespace Kubeguard.SupplyChain.Oci;

/// <summary>How the registry client connects, authenticates and limits itself.</summary>
public sealed record RegistryClientOptions
{
    /// <summary>Per-request timeout (headers and body); default 10 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Requests in flight at once, over all registries; default 8.</summary>
    public int MaxConcurrency { get; init; } = 8;

    /// <summary>Registries (<c>host:port</c>) spoken to over plain HTTP. Loopback only: anything else is refused.</summary>
    public IReadOnlyCollection<string> InsecureRegistries { get; init; } = [];

    /// <summary>Credentials for basic auth and for bearer token requests.</summary>
    public RegistryCredentials Credentials { get; init; } = RegistryCredentials.None;

    /// <summary>Largest manifest or index accepted; default 4 MiB.</summary>
    public int MaxManifestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Largest signature payload, envelope or bundle blob accepted; default 4 MiB.</summary>
    public int MaxBlobBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Most referrers read for one digest; default 100.</summary>
    public int MaxReferrers { get; init; } = 100;

    /// <summary>Most signature or attestation layers read from one manifest; default 50.</summary>
    public int MaxLayers { get; init; } = 50;

    /// <summary>The problems with these options (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        foreach (var registry in InsecureRegistries.Where(r => !IsLoopback(r)))
        {
            errors.Add($"insecure registry \"{registry}\": plain HTTP is allowed only for loopback registries (localhost, 127.0.0.0/8, [::1])");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            errors.Add("timeout must be positive");
        }

        if (MaxConcurrency < 1)
        {
            errors.Add("concurrency must be at least 1");
        }

        return errors;
    }

    /// <summary>True when <paramref name="registry"/> (<c>host[:port]</c>) names a loopback host.</summary>
    public static bool IsLoopback(string registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var host = registry;
        if (host.StartsWith('['))
        {
            var end = host.IndexOf(']', StringComparison.Ordinal);
            host = end > 0 ? host[1..end] : host;
        }
        else if (host.LastIndexOf(':') is var colon and > 0)
        {
            host = host[..colon];
        }

        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
