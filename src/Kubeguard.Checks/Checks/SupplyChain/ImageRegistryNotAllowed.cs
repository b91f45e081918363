namespace Kubeguard.Checks.SupplyChain;

/// <summary>An image from a registry outside the configured allow-list.</summary>
internal static class ImageRegistryNotAllowed
{
    public const string Id = "image-registry-not-allowed";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.SupplyChain,
        "Image registry not in the allow-list",
        "Every registry a cluster pulls from is part of its supply chain: its accounts, its mirrors and its retention rules decide what code runs. Pulling from an unreviewed registry, or from a public repository under a look-alike name, bypasses the scanning and signing done on the approved ones. This check runs only when an allow-list is configured (--allowed-registries); entries are registries (quay.io) or registry/repository prefixes (ghcr.io/acme), and Docker Hub images count as docker.io.",
        "Mirror the image into an allowed registry and reference it there, or add its registry to the allow-list after review.",
        Evaluate)
    {
        Reads = ["Pod", "workloads"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        var allowed = context.Options.AllowedRegistries;
        if (allowed.IsDefaultOrEmpty)
        {
            yield break;
        }

        foreach (var workload in context.Inventory.Workloads)
        {
            foreach (var container in WorkloadContainers.Of(workload))
            {
                if (string.IsNullOrWhiteSpace(container.Image))
                {
                    continue;
                }

                var image = ImageReference.Parse(container.Image);
                if (image.IsValid && !allowed.Any(image.IsFrom))
                {
                    yield return ImageChecks.Hit(workload, container, "image",
                        $"container \"{container.Name}\" image \"{image.Original}\" comes from registry \"{image.Registry}\", which is not allowed");
                }
            }
        }
    }
}
