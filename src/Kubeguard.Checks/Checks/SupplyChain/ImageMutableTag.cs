namespace Kubeguard.Checks.SupplyChain;

/// <summary>No tag (implicit <c>latest</c>), <c>latest</c>, or a branch-like floating tag.</summary>
internal static class ImageMutableTag
{
    public const string Id = "image-mutable-tag";

    /// <summary>Tags that by convention move with every build.</summary>
    public static IReadOnlySet<string> FloatingTags { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "latest", "main", "master", "dev", "develop", "edge", "nightly", "stable", "lts", "current", "release",
    };

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.SupplyChain,
        "Mutable or missing image tag",
        "An image without a tag runs latest, and latest or a branch-like tag (main, nightly, stable, …) moves with every build by design. What runs then depends on when each node pulled, rollbacks cannot return to the previous code, and an attacker who can push to the repository reaches every restart. Images pinned by digest are not reported here: the digest decides what runs.",
        "Use an immutable release tag and, better, a digest, e.g. image: nginx:1.27.3@sha256:<digest>.",
        Evaluate)
    {
        Reads = ["Pod", "workloads"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var (workload, container, image) in ImageChecks.Unpinned(context.Inventory))
        {
            if (image.Tag is null)
            {
                yield return ImageChecks.Hit(workload, container, "image",
                    $"container \"{container.Name}\" image \"{image.Original}\" has no tag, so it runs whatever \"latest\" points to");
            }
            else if (FloatingTags.Contains(image.Tag))
            {
                yield return ImageChecks.Hit(workload, container, "image",
                    $"container \"{container.Name}\" image \"{image.Original}\" uses the mutable tag \"{image.Tag}\"");
            }
        }
    }
}
