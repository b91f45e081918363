namespace Kubeguard.PromAudit;

/// <summary>A stable probe identifier such as <c>PROM-020</c>, plus its kebab-case name.</summary>
/// <param name="Code">The catalogue code, e.g. <c>PROM-020</c>.</param>
/// <param name="Name">The kebab-case name, e.g. <c>admin-api-enabled</c>.</param>
public readonly record struct ProbeId(string Code, string Name)
{
    /// <inheritdoc/>
    public override string ToString() => Code;
}
