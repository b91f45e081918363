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
/// Docker Hub's aliases all mean <c>docker.io</c>. Credential helpers are not run. Credentials
/// for one repository (from a pod's <c>imagePullSecrets</c>) take precedence over the registry's.
/// </summary>
public sealed class RegistryCredentials
{
    private readonly Dictionary<string, Credential> _byRegistry;
    private readonly Dictionary<string, Credential> _byRepository;

    private RegistryCredentials(Dictionary<string, Credential> byRegistry, Dictionary<string, Credential>? byRepository = null)
    {
        _byRegistry = byRegistry;
        _byRepository = byRepository ?? new Dictionary<string, Credential>(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>No credentials: every registry is spoken to anonymously.</summary>
    public static RegistryCredentials None { get; } = new(new Dictionary<string, Credential>(StringComparer.OrdinalIgnoreCase));

    /// <summary>The registries with credentials, normalised.</summary>
    public IEnumerable<string> Registries => _byRegistry.Keys;

    /// <summary>The repositories (<c>registry/repository</c>) with credentials of their own.</summary>
    public IEnumerable<string> Repositories => _byRepository.Keys;

    /// <summary>Parses Docker config JSON; the error names the entry that is wrong.</summary>
    public static bool TryParse(string json, out RegistryCredentials credentials, out string? error) =>
        TryParse(json, legacy: false, out credentials, out error);

    /// <summary>
    /// Parses the legacy <c>.dockercfg</c> form (a <c>kubernetes.io/dockercfg</c> Secret): the
    /// registry map at the top level, without <c>auths</c>.
    /// </summary>
    public static bool TryParseLegacy(string json, out RegistryCredentials credentials, out string? error) =>
        TryParse(json, legacy: true, out credentials, out error);

    /// <summary>These credentials, with <paramref name="credential"/> for one repository of one registry.</summary>
    public RegistryCredentials WithRepository(string registry, string repository, Credential credential)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(credential);
        var byRepository = new Dictionary<string, Credential>(_byRepository, StringComparer.OrdinalIgnoreCase)
        {
            [Normalize(registry) + "/" + repository] = credential,
        };
        return new RegistryCredentials(_byRegistry, byRepository);
    }

    /// <summary>The credential for one repository: its own, else the registry's, else null.</summary>
    public Credential? For(string registry, string repository)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return _byRepository.GetValueOrDefault(Normalize(registry) + "/" + repository) ?? For(registry);
    }

    private static bool TryParse(string json, bool legacy, out RegistryCredentials credentials, out string? error)
    {
        credentials = None;
        error = null;
        var map = new Dictionary<string, Credential>(StringComparer.OrdinalIgnoreCase);
        var what = legacy ? "dockercfg" : "docker config";
        try
        {
            using var document = JsonDocument.Parse(json);
            var auths = legacy ? (document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement : (JsonElement?)null) : Json.Object(document.RootElement, "auths");
            if (auths is not { } entries)
            {
                credentials = new RegistryCredentials(map);
                return true;
            }

            foreach (var entry in entries.EnumerateObject())
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
                        error = legacy ? $"{what}: [\"{entry.Name}\"].auth is not base64" : $"{what}: auths[\"{entry.Name}\"].auth is not base64";
                        return false;
                    }

                    var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                    if (colon < 0)
                    {
                        error = legacy ? $"{what}: [\"{entry.Name}\"].auth is not \"user:password\"" : $"{what}: auths[\"{entry.Name}\"].auth is not \"user:password\"";
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
            error = $"{what} is not JSON: {ex.Message}";
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
