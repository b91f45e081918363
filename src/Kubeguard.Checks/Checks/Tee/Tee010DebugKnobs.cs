namespace Kubeguard.Checks.Tee;

/// <summary>TEE-010: debug parameters or guest asset overrides on a confidential pod.</summary>
internal static class Tee010DebugKnobs
{
    public const string Id = "tee-010";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Tee,
        "Debug and TCB-override knobs on a TEE pod",
        "Debug kernel parameters open a console into the guest or log what it does; annotations that replace the kernel, image, initrd or firmware change the trusted computing base; a Contrast debug shell gives the host an interactive way in. Each one undoes the confidentiality the pod was written for.",
        "Remove debug parameters and asset overrides, and debug on coco-dev or in a separate -debug class in a dev namespace.",
        Evaluate)
    {
        Reads = ["Pod", "workloads"],
    };

    private static readonly string[] DebugParams = ["agent.debug_console", "agent.devmode", "agent.log=debug", "agent.trace", "initcall_debug"];

    private static readonly string[] AssetKeys = ["kernel", "image", "initrd", "firmware", "firmware_volume", "path", "jailer_path"];

    private const string HypervisorPrefix = "io.katacontainers.config.hypervisor.";

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var pod in TeeIntent.Intended(context.Inventory, context.Options.TeeClasses))
        {
            if (pod.Annotation(TeeAnnotations.KernelParams) is { } kernelParams)
            {
                var found = kernelParams.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                    .Where(p => DebugParams.Any(d => p == d || p.StartsWith(d + "=", StringComparison.Ordinal) || (d.Contains('=', StringComparison.Ordinal) && p == d)))
                    .ToList();
                if (found.Count > 0)
                {
                    yield return TeeHits.On(pod, pod.AnnotationPath(TeeAnnotations.KernelParams), "tee-010/debug", $"kernel_params carries the debug parameters {Text.QuoteJoin(found)}", "pod annotations");
                }
            }

            foreach (var key in pod.Annotations.Keys.Where(k => k.StartsWith(HypervisorPrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
            {
                var name = key[HypervisorPrefix.Length..];
                if (AssetKeys.Contains(name) || (name.EndsWith("_hash", StringComparison.Ordinal) && AssetKeys.Contains(name[..^"_hash".Length])))
                {
                    yield return TeeHits.On(pod, pod.AnnotationPath(key), "tee-010/debug", $"annotation \"{key}\" replaces a guest TCB asset (it takes effect only where enable_annotations was widened)", "pod annotations");
                }
            }

            foreach (var container in WorkloadContainers.Of(pod.Workload).Where(c => c.Name == "contrast-debug-shell"))
            {
                yield return TeeHits.On(pod, container.JsonPath, "tee-010/debug", "the Contrast debug shell container \"contrast-debug-shell\" gives interactive access to the guest", "pod spec") with { Container = container.Name };
            }

            if (TeeHits.InitDataOf(pod) is { IsValid: true } initData
                && initData.Data.TryGetValue("contrast.insecure-debug", out var debug) && string.Equals(debug.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                yield return TeeHits.On(pod, pod.AnnotationPath(TeeAnnotations.InitData), "tee-010/debug", "init-data sets contrast.insecure-debug = 'true'", "init-data decoded");
            }
        }
    }
}
