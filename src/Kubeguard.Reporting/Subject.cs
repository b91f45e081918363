namespace Kubeguard.Reporting;

/// <summary>The object a finding is about, e.g. a Kubernetes object or a Prometheus endpoint.</summary>
/// <param name="ApiVersion">API version, e.g. <c>apps/v1</c>; null when not a Kubernetes object.</param>
/// <param name="Kind">Kind, e.g. <c>Deployment</c>.</param>
/// <param name="Namespace">Namespace, when known.</param>
/// <param name="Name">Name, when known.</param>
public sealed record Subject(string? ApiVersion, string Kind, string? Namespace, string? Name)
{
    /// <summary><c>Kind namespace/name</c>, <c>Kind name</c> or <c>Kind (unnamed)</c>.</summary>
    public string DisplayName =>
        Kind + " " + (string.IsNullOrEmpty(Name) ? "(unnamed)" : string.IsNullOrEmpty(Namespace) ? Name : Namespace + "/" + Name);

    /// <inheritdoc/>
    public override string ToString() => DisplayName;
}
