namespace Kubeguard.Checks.Tee;

/// <summary>TEE-001: a pod meant to be confidential runs on a class that gives no TEE.</summary>
internal static class Tee001NonConfidentialRuntime
{
    public const string Id = "tee-001";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Tee,
        "Confidential intent on a non-confidential runtime",
        "The coco-dev class has no confidential guest, so memory is not encrypted; debug and devkit classes open a debug console and change the measurement; plain Kata classes give VM isolation only. A pod that carries init-data, a policy or the confidential intent on such a class looks protected and is not, and the host reads its memory.",
        "Use the TEE class for your hardware (kata-qemu-snp, kata-qemu-tdx, kata-qemu-se, kata-cc-isolation, contrast-cc-…) and keep coco-dev and debug classes in dev namespaces with an exemption.",
        Evaluate)
    {
        Reads = ["Pod", "workloads", "RuntimeClass", "Namespace"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var pod in TeeIntent.Intended(context.Inventory, context.Options.TeeClasses))
        {
            var path = TeeHits.Spec(pod) + ".runtimeClassName";
            var name = pod.Handler ?? pod.ClassName ?? string.Empty;
            switch (pod.Kind)
            {
                case TeeClassKind.ClaimsCoCo when name.Contains("coco-dev", StringComparison.Ordinal):
                    yield return TeeHits.On(pod, path, "tee-001/coco-dev", $"{pod.Describe()} is the coco-dev class: no confidential guest, memory is not encrypted");
                    break;
                case TeeClassKind.ClaimsCoCo when name == "enclave-cc":
                    yield return TeeHits.On(pod, path, "tee-001/enclave-cc", $"{pod.Describe()} is enclave-cc, removed in Confidential Containers v0.18.0");
                    break;
                case TeeClassKind.ClaimsCoCo:
                    yield return TeeHits.On(pod, path, "tee-001/debug", $"{pod.Describe()} is a debug or devkit class: debug console and a different measurement");
                    break;
                case TeeClassKind.KataNoTee:
                    yield return TeeHits.On(pod, path, "tee-001/kata-no-tee", $"{pod.Describe()} is a Kata class with VM isolation only, but the pod carries init-data, a policy or the confidential intent");
                    break;
                case TeeClassKind.Depends:
                    yield return TeeHits.On(pod, path, "tee-001/kata-remote", $"{pod.Describe()} is a peer-pod class: verify the peer-pod instance type is a confidential VM");
                    break;
            }
        }
    }
}
