using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubeguard.Checks.Tee;

/// <summary>TEE-008: the guest does not verify image signatures.</summary>
internal static class Tee008NoImageSignaturePolicy
{
    public const string Id = "tee-008";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Tee,
        "No image signature verification in the guest",
        "The guest pulls images itself; without an image security policy in cdh.toml nothing inside the TEE checks who signed them, so a registry or network attacker substitutes the code that runs in the attested guest.",
        "Set image_security_policy_uri = \"kbs:///…\" (or an inline policy) with default reject and sigstoreSigned for your registries, and keep the cosign key in the KBS.",
        Evaluate)
    {
        Reads = ["Pod", "workloads"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var pod in TeeIntent.Intended(context.Inventory, context.Options.TeeClasses))
        {
            if (TeeHits.InitDataOf(pod) is not { IsValid: true } initData)
            {
                continue; // No or broken init-data: TEE-002 reports it.
            }

            var path = pod.AnnotationPath(TeeAnnotations.InitData);
            var uri = SmallToml.At(initData.Cdh, "image", "image_security_policy_uri") as string;
            var inline = SmallToml.At(initData.Cdh, "image", "image_security_policy") as string;
            if (!string.IsNullOrWhiteSpace(uri))
            {
                if (uri.StartsWith("kbs://", StringComparison.Ordinal))
                {
                    yield return TeeHits.On(pod, path, "tee-008/kbs-uri", $"image signature policy comes from \"{uri}\"; its content is not visible here", "cdh.toml in init-data");
                }
                else if (uri.StartsWith("file://", StringComparison.Ordinal))
                {
                    yield return TeeHits.On(pod, path, "tee-008/file-uri", $"image signature policy \"{uri}\" is a file in the guest image, trusted as shipped", "cdh.toml in init-data");
                }

                continue;
            }

            if (string.IsNullOrWhiteSpace(inline))
            {
                yield return TeeHits.On(pod, path, "tee-008/no-signature-policy", "cdh.toml in init-data sets neither image_security_policy_uri nor image_security_policy, so image signatures are not verified", "cdh.toml in init-data");
                continue;
            }

            if (AcceptsAnything(inline))
            {
                yield return TeeHits.On(pod, path, "tee-008/accept-anything", "the inline image_security_policy defaults to insecureAcceptAnything and requires no signature", "cdh.toml in init-data");
            }
        }
    }

    private static bool AcceptsAnything(string json)
    {
        try
        {
            var node = JsonNode.Parse(json);
            var defaultAccepts = node?["default"]?.ToJsonString().Contains("insecureAcceptAnything", StringComparison.Ordinal) == true;
            var requiresSignature = node?["transports"]?.ToJsonString() is { } t && (t.Contains("sigstoreSigned", StringComparison.Ordinal) || t.Contains("signedBy", StringComparison.Ordinal));
            return defaultAccepts && !requiresSignature;
        }
        catch (JsonException)
        {
            return true; // A policy that cannot be read verifies nothing we can see.
        }
    }
}
