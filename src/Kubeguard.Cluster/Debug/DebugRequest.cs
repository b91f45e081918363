namespace Kubeguard.Cluster.Debug;

/// <summary>What <c>kubeguard debug</c> was asked to do.</summary>
/// <param name="Pod">The pod to debug.</param>
/// <param name="Namespace">Its namespace.</param>
/// <param name="ContainerName">The name the debug container gets.</param>
public sealed record DebugRequest(string Pod, string Namespace, string ContainerName)
{
    /// <summary>The container whose process namespace the debugger joins; null for the pod's default container.</summary>
    public string? Target { get; init; }

    /// <summary>The image to run.</summary>
    public string Image { get; init; } = DebugProfiles.DefaultImage;

    /// <summary>The profile asked for.</summary>
    public DebugProfile Profile { get; init; } = DebugProfile.Auto;

    /// <summary>The command to run; empty for the image's own.</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary>Who asked, recorded in the pod's annotation.</summary>
    public string RequestedBy { get; init; } = "unknown";

    /// <summary>Why, recorded in the pod's annotation.</summary>
    public string? Reason { get; init; }

    /// <summary>False to leave the pod's annotations alone.</summary>
    public bool Annotate { get; init; } = true;

    /// <summary>How long to wait for the container to run or fail.</summary>
    public TimeSpan Wait { get; init; } = TimeSpan.FromSeconds(60);
}
