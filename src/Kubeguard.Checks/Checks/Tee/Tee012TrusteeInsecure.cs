using System.Text.RegularExpressions;
using k8s.Models;

namespace Kubeguard.Checks.Tee;

/// <summary>TEE-012: the Trustee key broker releases secrets without checking evidence, or runs insecurely.</summary>
internal static partial class Tee012TrusteeInsecure
{
    public const string Id = "tee-012";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Tee,
        "Trustee / KBS runs insecurely",
        "The key broker is what turns a TEE into a verified one: it releases keys and secrets only to guests whose evidence matches reference values. An admin API open to all, a resource policy that allows everything or does not require an affirming result, insecure token keys or plain HTTP with no TLS proxy in front release the secrets to any guest or to anyone on the network. A KBS that TEE pods reach as a Service of their own cluster is run by the administrators the TEE is meant to keep out.",
        "Use AuthenticatedAuthorization, an affirming-style resource policy with reference values in the RVPS, and TLS, and run Trustee on a separate trusted cluster.",
        Evaluate)
    {
        Reads = ["ConfigMap", "KbsConfig", "Pod", "workloads", "Service", "Ingress", "Route"],
    };

    /// <summary>The Service the Trustee operator creates in front of the KBS it deploys for a KbsConfig.</summary>
    public const string OperatorServiceName = "kbs-service";

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (kbs, _) in context.Inventory.Unstructured("KbsConfig", "confidentialcontainers.org"))
        {
            foreach (var field in new[] { "kbsConfigMapName", "kbsResourcePolicyConfigMapName" })
            {
                if (kbs.At("spec." + field)?.ToString() is { Length: > 0 } name)
                {
                    named.Add($"{kbs.Metadata.NamespaceProperty ?? Inventory.DefaultNamespace}/{name}");
                }
            }
        }

        foreach (var (map, item) in context.Inventory.OfType<V1ConfigMap>())
        {
            var data = map.Data ?? new Dictionary<string, string>();
            var isNamed = named.Contains($"{item.EffectiveNamespace}/{item.Name}");
            foreach (var (key, text) in data.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                if (key == "kbs-config.toml" || (isNamed && key.EndsWith(".toml", StringComparison.Ordinal)))
                {
                    foreach (var hit in Config(context.Inventory, item, isNamed, key, text ?? string.Empty))
                    {
                        yield return hit;
                    }
                }
                else if (key.EndsWith(".rego", StringComparison.Ordinal) && (isNamed || (text ?? string.Empty).Contains("package policy", StringComparison.Ordinal)))
                {
                    foreach (var hit in Policy(item, key, text ?? string.Empty))
                    {
                        yield return hit;
                    }
                }
            }
        }

        foreach (var hit in SameCluster(context.Inventory, context.Options.TeeClasses))
        {
            yield return hit;
        }
    }

    private static IEnumerable<CheckHit> Config(Inventory inventory, InventoryObject item, bool namedByKbsConfig, string key, string text)
    {
        var path = $"data.{key}";
        var config = SmallToml.TryParse(text, out var error);
        if (config is null)
        {
            yield return TeeHits.On(item, path, "tee-012/default-policy", $"{key} is not readable TOML ({error}), so nothing shows the KBS is configured securely", "ConfigMap read");
            yield break;
        }

        if (SmallToml.At(config, "admin", "authorization_mode") is "InsecureAllowAll" || SmallToml.At(config, "admin", "insecure_api") is true)
        {
            yield return TeeHits.On(item, path, "tee-012/insecure-admin", $"{key} leaves the KBS admin API open to anyone (InsecureAllowAll or insecure_api)", "kbs-config.toml read");
        }

        if (SmallToml.At(config, "attestation_token", "insecure_header_jwk") is true || SmallToml.At(config, "attestation_token", "insecure_key") is true)
        {
            yield return TeeHits.On(item, path, "tee-012/insecure-token", $"{key} accepts attestation tokens signed by any key in the token header (insecure_header_jwk or insecure_key)", "kbs-config.toml read");
        }

        if (SmallToml.At(config, "http_server", "insecure_http") is true && TlsProxy.Find(inventory, item, namedByKbsConfig ? OperatorServiceName : null) is null)
        {
            yield return TeeHits.On(item, path, "tee-012/insecure-http", $"{key} serves the KBS over plain HTTP (insecure_http); only acceptable behind a TLS proxy", "kbs-config.toml read");
        }

        if (SmallToml.At(config, "policy_engine", "policy_path") is null)
        {
            yield return TeeHits.On(item, path, "tee-012/default-policy", $"{key} names no resource policy, so the built-in default releases resources to any non-sample TEE without an affirming result", "kbs-config.toml read");
        }
    }

    /// <summary>
    /// Trustee is the verifier of the TEE pods: run by the same administrators as the cluster it
    /// serves, it is on the host side of the trust boundary. A KBS URL in a TEE pod's init-data that
    /// names a Service of the cluster (<c>*.svc</c>, or a Service in the input) shows exactly that.
    /// </summary>
    private static IEnumerable<CheckHit> SameCluster(Inventory inventory, TeeClassList classes)
    {
        foreach (var pod in TeeIntent.Intended(inventory, classes))
        {
            if (TeeHits.InitDataOf(pod) is not { IsValid: true } initData)
            {
                continue;
            }

            var urls = new[]
            {
                SmallToml.At(initData.Aa, "token_configs", "kbs", "url") as string,
                SmallToml.At(initData.Cdh, "kbc", "url") as string,
            }.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u!.Trim()).Distinct(StringComparer.Ordinal);
            foreach (var url in urls)
            {
                if (InClusterService(inventory, pod.Workload.Namespace, url) is { } service)
                {
                    yield return TeeHits.On(pod, pod.AnnotationPath(TeeAnnotations.InitData), "tee-012/same-cluster", $"the KBS URL \"{url}\" names {service}: Trustee runs in the same cluster as the TEE pods it serves, so the cluster's administrators control the verifier", "KBS URL in init-data");
                }
            }
        }
    }

    private static string? InClusterService(Inventory inventory, string podNamespace, string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        var host = uri.Host.TrimEnd('.').ToLowerInvariant();
        var labels = host.Split('.');
        if (labels.Length >= 3 && labels[2] == "svc")
        {
            return $"the cluster Service \"{labels[0]}\" in namespace \"{labels[1]}\"";
        }

        var (name, ns) = labels.Length switch
        {
            1 => (labels[0], podNamespace),
            2 => (labels[0], labels[1]),
            _ => (string.Empty, string.Empty),
        };
        return name.Length > 0 && inventory.Service(ns, name) is not null ? $"the Service \"{name}\" in namespace \"{ns}\" of the input" : null;
    }

    private static IEnumerable<CheckHit> Policy(InventoryObject item, string key, string text)
    {
        var path = $"data.{key}";
        if (DefaultAllowTrue().IsMatch(text) || BareAllow().IsMatch(text))
        {
            yield return TeeHits.On(item, path, "tee-012/allow-all-policy", $"resource policy {key} allows every request without an attestation condition", "resource policy read, not evaluated");
        }
        else if (!text.Contains("affirming", StringComparison.Ordinal))
        {
            yield return TeeHits.On(item, path, "tee-012/default-policy", $"resource policy {key} does not require ear.status == \"affirming\", so reference values are not checked", "resource policy read, not evaluated");
        }
    }

    [GeneratedRegex(@"^\s*default\s+allow\s*:?=\s*true\b", RegexOptions.Multiline)]
    private static partial Regex DefaultAllowTrue();

    [GeneratedRegex(@"^\s*allow\s*(:?=\s*true)?\s*(if\s*)?\{\s*(true\s*)?\}", RegexOptions.Multiline)]
    private static partial Regex BareAllow();
}
