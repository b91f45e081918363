using System.Text;
using System.Text.Json;

namespace Kubeguard.SupplyChain.Oci;

/// <summary>A user name and password (or token) for one registry.</summary>
/// <param name="Username">The user name.</param>
/// <param name="Password">The password or token.</param>
public sealed record Credential(string Username, string Password)
{
    /// <summary>Hides the password.</summary>
    public override string ToString() => $"{Username}:***";
}

/// <summary>
/// Registry credentials from a Docker config file (<c>~/.docker/config.json</c>): the
/// <c>auths</c> map, with base64 <c>auth</c> (<c>user:password</c>) or <c>username</c> and
/// <c>password</c> entries. Keys may carry a scheme and path (<c>https://index.docker.io/v1/</c>);
/// Docker Hub's aliases all mean <c>docker.io</c>. Credential helpers are not run.
/// </summary>
public sealed class RegistryCredentials
{
    private readonly Dictionary<string, Credential> _byRegistry;

    private RegistryCredentials(Dictionary<string, Credential> byRegistry) => _byRegistry = byRegistry;

    /// <summary>No credentials: every registry is spoken to anonymously.</summary>
    public static RegistryCredentials None { get; } = new(new Dictionary<string, Credential>(StringComparer.OrdinalIgnoreCase));

    /// <summary>The registries with credentials, normalised.</summary>
    public IEnumerable<string> Registries => _byRegistry.Keys;

    /// <summary>Parses Docker config JSON; the error names the entry that is wrong.</summary>
    public static bool TryParse(string json, out RegistryCredentials credentials, out string? error)
    {
        credentials = None;
        error = null;
        var map = new Dictionary<string, Credential>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var document = JsonDocument.Parse(json);
            if (Json.Object(document.RootElement, "auths") is not { } auths)
            {
                credentials = new RegistryCredentials(map);
                return true;
            }

            foreach (var entry in auths.EnumerateObject())
            {
                var registry = Normalize(entry.Name);
                if (Json.String(entry.Value, "auth") is { Length: > 0 } auth)
                {
                    string decoded;
                    try
                    {
                        decoded = Encoding.UTF8.GetString(Convert.FromBase64String(auth));
                    }
                    catch (FormatException)
                    {
                        error = $"docker config: auths[\"{entry.Name}\"].auth is not base64";
                        return false;
                    }

                    var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                    if (colon < 0)
                    {
                        error = $"docker config: auths[\"{entry.Name}\"].auth is not \"user:password\"";
                        return false;
                    }

                    map[registry] = new Credential(decoded[..colon], decoded[(colon + 1)..]);
                }
                else if (Json.String(entry.Value, "username") is { } user && Json.String(entry.Value, "password") is { } password)
                {
                    map[registry] = new Credential(user, password);
                }
            }

            credentials = new RegistryCredentials(map);
            return true;
        }
        catch (JsonException ex)
        {
            error = $"docker config is not JSON: {ex.Message}";
            return false;
        }
    }

    /// <summary>The credential for <paramref name="registry"/> (as in an image reference), or null.</summary>
    public Credential? For(string registry) => _byRegistry.GetValueOrDefault(Normalize(registry));

    private static string Normalize(string key)
    {
        var host = key;
        var scheme = host.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0)
        {
            host = host[(scheme + 3)..];
        }

        var slash = host.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            host = host[..slash];
        }

        return host.ToLowerInvariant() switch
        {
            "index.docker.io" or "registry-1.docker.io" or "registry.hub.docker.com" => "docker.io",
            var other => other,
        };
    }
}
