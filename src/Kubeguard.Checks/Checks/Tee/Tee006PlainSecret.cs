using System.Text;
using k8s.Models;

namespace Kubeguard.Checks.Tee;

/// <summary>TEE-006: a confidential pod reads a Kubernetes Secret that is not sealed.</summary>
internal static class Tee006PlainSecret
{
    public const string Id = "tee-006";

    /// <summary>The prefix of a sealed secret value, unsealed by the CDH inside the TEE.</summary>
    public const string SealedPrefix = "sealed.";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Tee,
        "Plain Kubernetes Secret consumed by a TEE pod",
        "A plain Secret passes through the API server, etcd and the kubelet, all outside the TEE, so the host and the control plane read it. Only a sealed value (sealed.…) is unsealed inside the guest after attestation. Registry credentials and ConfigMap or downward-API values are also host-visible and not covered by the policy.",
        "Seal the value with the CDH secret seal tool (vault or envelope, signed) and store the sealed.… string in the Secret, or fetch it from the KBS at runtime.",
        Evaluate)
    {
        Reads = ["Pod", "workloads", "Secret"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var pod in TeeIntent.Intended(context.Inventory, context.Options.TeeClasses))
        {
            var spec = pod.Workload.Spec;
            var prefix = TeeHits.Spec(pod);
            foreach (var (container, path) in Tee004PrivilegeInTeePod.AllContainers(pod))
            {
                for (var e = 0; e < (container.Env?.Count ?? 0); e++)
                {
                    var from = container.Env![e]?.ValueFrom;
                    if (from?.SecretKeyRef is { } keyRef)
                    {
                        foreach (var hit in Judge(context.Inventory, pod, $"{path}.env[{e}].valueFrom.secretKeyRef", keyRef.Name, keyRef.Key))
                        {
                            yield return hit;
                        }
                    }
                    else if (from?.ConfigMapKeyRef is not null || from?.FieldRef is not null || from?.ResourceFieldRef is not null)
                    {
                        yield return TeeHits.On(pod, $"{path}.env[{e}].valueFrom", "tee-006/unverifiable-env", $"container \"{container.Name}\" env \"{container.Env[e].Name}\" comes from a ConfigMap or the downward API: host-supplied and not checked by the policy", "pod spec");
                    }
                }

                for (var e = 0; e < (container.EnvFrom?.Count ?? 0); e++)
                {
                    if (container.EnvFrom![e]?.SecretRef is { } secretRef)
                    {
                        foreach (var hit in Judge(context.Inventory, pod, $"{path}.envFrom[{e}].secretRef", secretRef.Name, null))
                        {
                            yield return hit;
                        }
                    }
                }
            }

            for (var v = 0; v < (spec.Volumes?.Count ?? 0); v++)
            {
                var volume = spec.Volumes![v];
                if (volume?.Secret is { } secret)
                {
                    foreach (var hit in Judge(context.Inventory, pod, $"{prefix}.volumes[{v}].secret", secret.SecretName, null))
                    {
                        yield return hit;
                    }
                }

                for (var s = 0; s < (volume?.Projected?.Sources?.Count ?? 0); s++)
                {
                    if (volume!.Projected!.Sources![s]?.Secret is { } projected)
                    {
                        foreach (var hit in Judge(context.Inventory, pod, $"{prefix}.volumes[{v}].projected.sources[{s}].secret", projected.Name, null))
                        {
                            yield return hit;
                        }
                    }
                }
            }

            for (var p = 0; p < (spec.ImagePullSecrets?.Count ?? 0); p++)
            {
                yield return TeeHits.On(pod, $"{prefix}.imagePullSecrets[{p}]", "tee-006/pull-secret", $"imagePullSecret \"{spec.ImagePullSecrets![p]?.Name}\": registry credentials are visible to the host", "pod spec");
            }
        }
    }

    private static IEnumerable<CheckHit> Judge(Inventory inventory, TeePod pod, string path, string? name, string? key)
    {
        var item = string.IsNullOrEmpty(name) ? null : inventory.Find("Secret", pod.Workload.Namespace, name);
        if (item?.Resource is not V1Secret secret)
        {
            yield return TeeHits.On(pod, path, "tee-006/unresolved", $"Secret \"{name}\" is not in the input, so whether it is sealed is unverified", "Secret not read");
            yield break;
        }

        var values = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, bytes) in secret.Data ?? new Dictionary<string, byte[]>())
        {
            values[k] = bytes is null ? string.Empty : Encoding.UTF8.GetString(bytes);
        }

        foreach (var (k, text) in secret.StringData ?? new Dictionary<string, string>())
        {
            values[k] = text ?? string.Empty;
        }

        var plain = values.Where(kv => (key is null || kv.Key == key) && !kv.Value.StartsWith(SealedPrefix, StringComparison.Ordinal)).Select(kv => kv.Key).ToList();
        if (key is not null && !values.ContainsKey(key))
        {
            yield return TeeHits.On(pod, path, "tee-006/unresolved", $"Secret \"{name}\" has no key \"{key}\", so whether it is sealed is unverified", "Secret object read");
        }
        else if (plain.Count > 0)
        {
            yield return TeeHits.On(pod, path, "tee-006/plain-secret", $"Secret \"{name}\" {Text.Plural(plain.Count, "key", "keys")} {Text.QuoteJoin(plain)} {Text.Plural(plain.Count, "is", "are")} not sealed: the host and control plane read {Text.Plural(plain.Count, "it", "them")}", "Secret object read");
        }
    }
}
