namespace Kubeguard.Checks;

/// <summary>One container of a workload, whichever list it is in.</summary>
/// <param name="Name">Container name (empty when absent).</param>
/// <param name="Image">Image reference as written, or null.</param>
/// <param name="ImagePullPolicy">Pull policy as written, or null.</param>
/// <param name="Arguments">Command followed by args (never null).</param>
/// <param name="JsonPath">Path of the container inside the object, e.g. <c>spec.template.spec.containers[0]</c>.</param>
public sealed record ContainerInfo(string Name, string? Image, string? ImagePullPolicy, IReadOnlyList<string> Arguments, string JsonPath);

/// <summary>Visits init, regular and ephemeral containers of a workload, skipping null entries.</summary>
public static class WorkloadContainers
{
    /// <summary>Every container of the workload, in list order.</summary>
    public static IEnumerable<ContainerInfo> Of(Workload workload)
    {
        ArgumentNullException.ThrowIfNull(workload);
        var spec = workload.Spec;
        var prefix = workload.Pod.SpecPath;
        foreach (var (c, i) in Indexed(spec.InitContainers))
        {
            yield return new ContainerInfo(c.Name ?? string.Empty, c.Image, c.ImagePullPolicy, Arguments(c.Command, c.Args), $"{prefix}.initContainers[{i}]");
        }

        foreach (var (c, i) in Indexed(spec.Containers))
        {
            yield return new ContainerInfo(c.Name ?? string.Empty, c.Image, c.ImagePullPolicy, Arguments(c.Command, c.Args), $"{prefix}.containers[{i}]");
        }

        foreach (var (c, i) in Indexed(spec.EphemeralContainers))
        {
            yield return new ContainerInfo(c.Name ?? string.Empty, c.Image, c.ImagePullPolicy, Arguments(c.Command, c.Args), $"{prefix}.ephemeralContainers[{i}]");
        }
    }

    private static IEnumerable<(T Item, int Index)> Indexed<T>(IList<T>? list)
        where T : class
    {
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            if (list![i] is { } item)
            {
                yield return (item, i);
            }
        }
    }

    private static string[] Arguments(IList<string>? command, IList<string>? args) =>
        [.. Values.Strings(command), .. Values.Strings(args)];
}

/// <summary>Helpers shared by the checks that look at images.</summary>
internal static class ImageChecks
{
    /// <summary>Every container with a non-empty image, with the parsed reference.</summary>
    public static IEnumerable<(Workload Workload, ContainerInfo Container, ImageReference Image)> All(Inventory inventory) =>
        from workload in inventory.Workloads
        from container in WorkloadContainers.Of(workload)
        where !string.IsNullOrWhiteSpace(container.Image)
        select (workload, container, ImageReference.Parse(container.Image));

    /// <summary>
    /// Every container whose image is a valid reference not pinned by digest. Invalid references
    /// are left to <c>image-not-pinned-by-digest</c>, which reports them once.
    /// </summary>
    public static IEnumerable<(Workload Workload, ContainerInfo Container, ImageReference Image)> Unpinned(Inventory inventory) =>
        All(inventory).Where(x => x.Image.IsValid && !x.Image.IsPinned);

    /// <summary>A hit about one container's image.</summary>
    public static CheckHit Hit(Workload workload, ContainerInfo container, string field, string message) =>
        CheckHit.On(workload.Item, $"{container.JsonPath}.{field}", message) with { Container = container.Name, Image = container.Image };
}
