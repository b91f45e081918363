namespace Kubeguard.Checks.SupplyChain;

/// <summary>A container image named by tag only: the registry decides what runs.</summary>
internal static class ImageNotPinnedByDigest
{
    public const string Id = "image-not-pinned-by-digest";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.SupplyChain,
        "Image not pinned by digest",
        "A tag is a pointer that whoever can push to the repository may move. Without a digest the cluster runs whatever the tag points to when a node pulls it, so a compromised registry account, a retagged release or a typo-squatted mirror changes the code in production without any change to the manifest, and two nodes may run different code under the same name.",
        "Reference the image by digest, e.g. image: registry.example.com/app:1.4.2@sha256:<digest>, and let a bot such as Renovate update the digest.",
        Evaluate)
    {
        Reads = ["Pod", "workloads"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context) =>
        from x in ImageChecks.All(context.Inventory)
        where !x.Image.IsPinned
        select ImageChecks.Hit(x.Workload, x.Container, "image", x.Image.IsValid
            ? $"container \"{x.Container.Name}\" image \"{x.Image.Original}\" is not pinned by digest"
            : $"container \"{x.Container.Name}\" image \"{x.Image.Original}\" cannot be pinned: {x.Image.Error}");
}
