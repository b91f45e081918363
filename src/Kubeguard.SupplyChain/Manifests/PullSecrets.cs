using System.Text;
using System.Text.Json.Nodes;
using Kubeguard.Images;
using Kubeguard.SupplyChain.Admission;
using Kubeguard.SupplyChain.Oci;

namespace Kubeguard.SupplyChain.Manifests;

/// <summary>An image as a pod pulls it: the reference, the pod's namespace and its <c>imagePullSecrets</c> names in order.</summary>
/// <param name="Reference">The image reference as written.</param>
/// <param name="Namespace">The namespace the pod's Secrets are looked up in.</param>
/// <param name="SecretNames">The pod's <c>imagePullSecrets[*].name</c>, in order.</param>
public sealed record PulledImage(string Reference, string Namespace, IReadOnlyList<string> SecretNames);

/// <summary>
/// Registry credentials from the pull Secrets in the input (<c>kubernetes.io/dockerconfigjson</c>
/// with <c>.dockerconfigjson</c>, or <c>kubernetes.io/dockercfg</c> with <c>.dockercfg</c>; in
/// <c>data</c> as base64 or in <c>stringData</c>), applied per image the way the kubelet does: the
/// pod's <c>imagePullSecrets</c> in order, the first Secret with an entry for the image's
/// registry wins. An image whose pod names no usable Secret keeps the other credentials
/// (<c>--docker-config</c>).
/// </summary>
public sealed class PullSecrets
{
    /// <summary>The Secret type holding a Docker config JSON.</summary>
    public const string DockerConfigJsonType = "kubernetes.io/dockerconfigjson";

    /// <summary>The Secret type holding the legacy <c>.dockercfg</c> form.</summary>
    public const string DockerCfgType = "kubernetes.io/dockercfg";

    private readonly Dictionary<(string Namespace, string Name), RegistryCredentials> _secrets;
    private readonly HashSet<(string Namespace, string Name)> _unreadable;

    private PullSecrets(Dictionary<(string Namespace, string Name), RegistryCredentials> secrets, HashSet<(string Namespace, string Name)> unreadable, IReadOnlyList<string> errors)
    {
        _secrets = secrets;
        _unreadable = unreadable;
        Errors = errors;
    }

    /// <summary>Pull Secrets that could not be read, each naming the Secret and why.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>How many pull Secrets were read.</summary>
    public int Count => _secrets.Count;

    /// <summary>Indexes the pull Secrets among <paramref name="objects"/>; other objects are ignored.</summary>
    public static PullSecrets From(IEnumerable<JsonObject> objects, string defaultNamespace = "default")
    {
        ArgumentNullException.ThrowIfNull(objects);
        var secrets = new Dictionary<(string, string), RegistryCredentials>();
        var unreadable = new HashSet<(string, string)>();
        var errors = new List<string>();
        foreach (var obj in objects)
        {
            if (Text(obj["kind"]) != "Secret" || Text(obj["type"]) is not (DockerConfigJsonType or DockerCfgType) || Text(obj["metadata"]?["name"]) is not { } name)
            {
                continue;
            }

            var ns = Text(obj["metadata"]?["namespace"]) ?? defaultNamespace;
            var legacy = Text(obj["type"]) == DockerCfgType;
            var key = legacy ? ".dockercfg" : ".dockerconfigjson";
            var json = ReadKey(obj, key, out var problem);
            if (json is null)
            {
                errors.Add($"Secret {ns}/{name}: {problem ?? $"no {key} key"}");
                unreadable.Add((ns, name));
                continue;
            }

            var parsed = legacy
                ? RegistryCredentials.TryParseLegacy(json, out var credentials, out var error)
                : RegistryCredentials.TryParse(json, out credentials, out error);
            if (!parsed)
            {
                errors.Add($"Secret {ns}/{name}: {error}");
                unreadable.Add((ns, name));
                continue;
            }

            secrets[(ns, name)] = credentials;
        }

        return new PullSecrets(secrets, unreadable, errors);
    }

    /// <summary>The image of every container of a Pod or pod template, with its pod's namespace and pull Secrets.</summary>
    public static IReadOnlyList<PulledImage> Images(string kind, JsonObject obj, string defaultNamespace = "default")
    {
        ArgumentNullException.ThrowIfNull(obj);
        var images = PodImages.Find(kind, obj);
        if (images.Count == 0)
        {
            return [];
        }

        var ns = Text(obj["metadata"]?["namespace"]) ?? defaultNamespace;
        JsonNode? spec = obj;
        foreach (var segment in PodImages.SpecPointer(kind)!.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            spec = spec is JsonObject o ? o[segment] : null;
        }

        var names = spec?["imagePullSecrets"] is JsonArray list
            ? list.Select(s => s is JsonObject o ? Text(o["name"]) : null).OfType<string>().ToList()
            : [];
        return [.. images.Select(i => new PulledImage(i.Reference, ns, names))];
    }

    /// <summary>
    /// <paramref name="baseCredentials"/> with, for each image whose pod names a pull Secret in the
    /// input holding credentials for the image's registry, that credential for the image's
    /// repository (first image, then first Secret wins). <paramref name="notes"/> gets one line per
    /// named Secret that is not in the input.
    /// </summary>
    public RegistryCredentials Apply(RegistryCredentials baseCredentials, IEnumerable<PulledImage> images, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(baseCredentials);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(notes);
        var result = baseCredentials;
        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var missing = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var image in images)
        {
            if (!ImageReference.TryParse(image.Reference, out var reference, out _) || done.Contains(reference.Name))
            {
                continue;
            }

            foreach (var name in image.SecretNames)
            {
                if (!_secrets.TryGetValue((image.Namespace, name), out var secret))
                {
                    if (!_unreadable.Contains((image.Namespace, name)))
                    {
                        missing.Add($"{image.Namespace}/{name}");
                    }

                    continue;
                }

                if (secret.For(reference.Registry) is { } credential)
                {
                    result = result.WithRepository(reference.Registry, reference.Repository, credential);
                    done.Add(reference.Name);
                    break;
                }
            }
        }

        foreach (var secret in missing)
        {
            notes.Add($"imagePullSecret {secret} is not in the input; its images use the --docker-config credentials");
        }

        return result;
    }

    private static string? ReadKey(JsonObject secret, string key, out string? problem)
    {
        problem = null;
        if (Text(secret["stringData"]?[key]) is { } plain)
        {
            return plain;
        }

        if (Text(secret["data"]?[key]) is not { } encoded)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
        }
        catch (FormatException)
        {
            problem = $"data[\"{key}\"] is not base64";
            return null;
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
