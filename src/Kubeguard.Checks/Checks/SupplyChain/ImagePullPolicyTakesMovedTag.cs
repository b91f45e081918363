namespace Kubeguard.Checks.SupplyChain;

/// <summary>An unpinned image pulled at every container start (<c>imagePullPolicy: Always</c>, explicit or defaulted).</summary>
internal static class ImagePullPolicyTakesMovedTag
{
    public const string Id = "image-pull-policy-takes-moved-tag";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.SupplyChain,
        "Pull policy takes in a moved tag",
        "With imagePullPolicy Always (set explicitly, or defaulted by the API server for an image with no tag or the latest tag), the kubelet resolves the tag again at every container start. A tag moved in the registry, by a release or by an attacker, then enters the cluster at the next restart, eviction or scale-up, without any change to the manifest or any admission review. A digest makes Always harmless: it can only fetch the same bytes.",
        "Pin the image by digest; where that is not possible, use an immutable release tag with imagePullPolicy: IfNotPresent.",
        Evaluate)
    {
        Reads = ["Pod", "workloads"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var (workload, container, image) in ImageChecks.Unpinned(context.Inventory))
        {
            var policy = container.ImagePullPolicy;
            if (string.IsNullOrEmpty(policy))
            {
                if (image.Tag is null || image.Tag == "latest")
                {
                    yield return ImageChecks.Hit(workload, container, "imagePullPolicy",
                        $"container \"{container.Name}\" image \"{image.Original}\" is pulled by tag at every start (imagePullPolicy defaults to Always for this tag)");
                }
            }
            else if (policy == "Always")
            {
                yield return ImageChecks.Hit(workload, container, "imagePullPolicy",
                    $"container \"{container.Name}\" image \"{image.Original}\" is pulled by tag at every start (imagePullPolicy: Always)");
            }
        }
    }
}
