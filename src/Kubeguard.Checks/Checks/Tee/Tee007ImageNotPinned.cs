namespace Kubeguard.Checks.Tee;

/// <summary>TEE-007: an image of a confidential pod is not pinned by digest.</summary>
internal static class Tee007ImageNotPinned
{
    public const string Id = "tee-007";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Tee,
        "TEE pod image not pinned by digest",
        "Under guest pull the agent policy does not validate the image source, so the identity of the code in the TEE rests on the image reference: a tag lets whoever moves it change what runs inside the attested guest without changing the policy.",
        "Pin repo@sha256:… (the tag is optional) and regenerate the policy after each bump.",
        Evaluate)
    {
        Reads = ["Pod", "workloads"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var pod in TeeIntent.Intended(context.Inventory, context.Options.TeeClasses))
        {
            foreach (var container in WorkloadContainers.Of(pod.Workload))
            {
                var image = ImageReference.Parse(container.Image);
                if (!image.IsPinned || !image.Digest!.StartsWith("sha256:", StringComparison.Ordinal))
                {
                    yield return TeeHits.On(pod, container.JsonPath + ".image", "tee-007/unpinned", $"container \"{container.Name}\" image \"{container.Image}\" in a confidential pod is not pinned by a sha256 digest", "image reference") with { Container = container.Name, Image = container.Image };
                }
            }
        }
    }
}
