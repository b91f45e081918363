using Kubeguard.Reporting;
using Kubeguard.Scanning;

namespace Kubeguard.Cli.Commands;

/// <summary>What <c>kubeguard cluster audit|plan</c> was asked to do.</summary>
/// <param name="Plan">True for <c>plan</c>, false for <c>audit</c>.</param>
/// <param name="Kubeconfig">An explicit kubeconfig file.</param>
/// <param name="Context">A kubeconfig context.</param>
/// <param name="Namespaces">Namespaces to read; empty for all.</param>
/// <param name="AllNamespaces">True when <c>--all-namespaces</c> was given.</param>
/// <param name="Selector">Label selector for pods and workloads.</param>
/// <param name="NamespaceSelector">Label selector for namespaces.</param>
/// <param name="ConfigFile">A PodSecurityConfiguration file (defaults and exemptions).</param>
/// <param name="Format">Output format.</param>
/// <param name="OutputFile">Write here instead of standard output.</param>
/// <param name="PageSize">Objects per list call.</param>
/// <param name="RequestTimeout">Seconds one API request may take.</param>
internal sealed record ClusterRequest(
    bool Plan,
    string? Kubeconfig,
    string? Context,
    IReadOnlyList<string> Namespaces,
    bool AllNamespaces,
    string? Selector,
    string? NamespaceSelector,
    string? ConfigFile,
    string Format,
    string? OutputFile,
    int PageSize = 500,
    double RequestTimeout = 60)
{
    /// <summary>True for <c>psp</c>: map PodSecurityPolicies to Pod Security levels.</summary>
    public bool Psp { get; init; }

    /// <summary>PodSecurityPolicy manifests for <c>psp</c>; empty to read them from the cluster.</summary>
    public IReadOnlyList<string> PspFiles { get; init; } = [];

    /// <summary>The checks beyond Pod Security for <c>audit</c> (null or disabled: none).</summary>
    public BeyondPodSecurityOptions? Checks { get; init; }

    /// <summary>For <c>audit</c>: exit 1 for findings of checks beyond Pod Security from this severity on.</summary>
    public Severity FailOn { get; init; } = Severity.Medium;

    /// <summary>The formats each subcommand writes.</summary>
    public IReadOnlyList<string> Formats =>
        Psp ? ["table", "json"] : Plan ? ["table", "json", "sarif", "junit"] : ["table", "json", "sarif", "junit", "policyreport"];

    /// <summary>A usage problem, or null.</summary>
    public string? Validate() =>
        !Formats.Contains(Format.ToLowerInvariant()) ? $"--format must be one of {string.Join(", ", Formats)}"
        : AllNamespaces && Namespaces.Count > 0 ? "--namespace and --all-namespaces cannot be combined"
        : NamespaceSelector is not null && Namespaces.Count > 0 ? "--namespace-selector applies only to --all-namespaces"
        : PageSize is < 1 or > 10000 ? "--page-size must be between 1 and 10000"
        : RequestTimeout <= 0 ? "--request-timeout must be positive"
        : null;
}
