namespace Kubeguard.Checks;

/// <summary>Names one Kubernetes object.</summary>
/// <param name="Kind">Object kind, e.g. <c>Deployment</c>.</param>
/// <param name="Namespace">Namespace, or null for cluster-scoped objects and objects that name none.</param>
/// <param name="Name">Object name (empty when absent).</param>
public sealed record ObjectRef(string Kind, string? Namespace, string Name)
{
    /// <summary><c>Kind namespace/name</c>, or <c>Kind name</c> without a namespace.</summary>
    public override string ToString() => Namespace is null ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}

/// <summary>Where an object was read from.</summary>
/// <param name="File">Source file or stream name (for a cluster read, e.g. <c>cluster</c>).</param>
/// <param name="Line">1-based line of the object's document, or 0 when unknown.</param>
public sealed record SourceLocation(string File, int Line)
{
    /// <summary>An object with no known source.</summary>
    public static SourceLocation Unknown { get; } = new(string.Empty, 0);

    /// <summary><c>file:line</c>.</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}
