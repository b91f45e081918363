using System.Text.RegularExpressions;

namespace Kubeguard.Checks.Tee;

/// <summary>TEE-009: nothing verifies the TEE, or init-data carries secrets or plain-HTTP KBS URLs.</summary>
internal static partial class Tee009AttestationNotWired
{
    public const string Id = "tee-009";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Tee,
        "Attestation not wired, or wired insecurely",
        "Memory encryption alone proves nothing: only attestation to a relying party releases keys to a verified TEE. Without a KBS the pod is just an encrypted VM; a plain-HTTP KBS URL lets the network tamper with the exchange; and init-data is visible to the host, so a key or password in it is not confidential.",
        "Point aa.toml [token_configs.kbs] and cdh.toml [kbc] at an HTTPS Trustee (add kbs_cert for a private CA) and move secrets to KBS resources or sealed secrets.",
        Evaluate)
    {
        Reads = ["Pod", "workloads", "Secret"],
    };

    private static readonly string[] SecretKeys = ["password", "passwd", "token", "secret", "client_secret", "private_key", "api_key"];

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var pod in TeeIntent.Intended(context.Inventory, context.Options.TeeClasses))
        {
            if (TeeHits.InitDataOf(pod) is not { IsValid: true } initData)
            {
                continue; // TEE-002 reports missing or broken init-data.
            }

            var path = pod.AnnotationPath(TeeAnnotations.InitData);
            var urls = new[]
            {
                SmallToml.At(initData.Aa, "token_configs", "kbs", "url") as string,
                SmallToml.At(initData.Aa, "token_configs", "coco_as", "url") as string,
                SmallToml.At(initData.Cdh, "kbc", "url") as string,
            }.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u!).ToList();

            foreach (var url in urls.Distinct(StringComparer.Ordinal).Where(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)))
            {
                yield return TeeHits.On(pod, path, "tee-009/http", $"the KBS URL \"{url}\" is plain HTTP", "aa.toml/cdh.toml in init-data");
            }

            if (urls.Count == 0 && !ReadsSealedSecret(context.Inventory, pod))
            {
                yield return TeeHits.On(pod, path, "tee-009/not-wired", "init-data names no KBS or attestation service, the pod reads no sealed secret, and with no KBS no encrypted image can be decrypted: memory encryption only, nothing verifies the TEE", "init-data decoded");
            }

            var leaks = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var (file, text) in initData.Data)
            {
                if (text.Contains("PRIVATE KEY-----", StringComparison.Ordinal))
                {
                    leaks.Add($"a PEM private key in {file}");
                }

                foreach (Match m in InlineAssignment().Matches(text))
                {
                    if (SecretKeys.Contains(m.Groups["key"].Value.ToLowerInvariant()))
                    {
                        leaks.Add($"\"{m.Groups["key"].Value}\" in {file}");
                    }
                }
            }

            if (leaks.Count > 0)
            {
                yield return TeeHits.On(pod, path, "tee-009/secret-in-init-data", $"init-data carries {string.Join(", ", leaks)}: init-data is visible to the host", "init-data decoded");
            }
        }
    }

    private static bool ReadsSealedSecret(Inventory inventory, TeePod pod) =>
        inventory.Objects.Any(o => o.Resource is k8s.Models.V1Secret s && o.EffectiveNamespace == pod.Workload.Namespace
            && (s.StringData?.Values.Any(v => v?.StartsWith(Tee006PlainSecret.SealedPrefix, StringComparison.Ordinal) == true) == true
                || s.Data?.Values.Any(v => v is not null && System.Text.Encoding.UTF8.GetString(v).StartsWith(Tee006PlainSecret.SealedPrefix, StringComparison.Ordinal)) == true)
            && References(pod, o.Name));

    private static bool References(TeePod pod, string secret)
    {
        var spec = pod.Workload.Spec;
        return Values.Each(spec.Volumes).Any(v => v.Secret?.SecretName == secret || Values.Each(v.Projected?.Sources).Any(s => s.Secret?.Name == secret))
            || Values.Each(spec.Containers).Concat(Values.Each(spec.InitContainers)).Any(c =>
                Values.Each(c.Env).Any(e => e.ValueFrom?.SecretKeyRef?.Name == secret) || Values.Each(c.EnvFrom).Any(e => e.SecretRef?.Name == secret));
    }

    [GeneratedRegex(@"^\s*""?(?<key>[A-Za-z_]+)""?\s*=\s*(""[^""]+""|'[^']+')", RegexOptions.Multiline)]
    private static partial Regex InlineAssignment();
}
