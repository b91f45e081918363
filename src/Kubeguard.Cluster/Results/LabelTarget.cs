using System.Collections.Immutable;
using System.Text;
using Kubeguard.Admission;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Results;

/// <summary>
/// The Pod Security labels a plan recommends: enforce what passes today; warn and audit at the next
/// stricter level, so what still blocks it is reported without breaking anything. Every mode
/// carries a <c>-version</c> pin, so a cluster upgrade cannot tighten the policy by itself.
/// </summary>
/// <param name="Namespace">The namespace.</param>
/// <param name="Enforce">The enforce level and pinned version.</param>
/// <param name="WarnAndAudit">The warn and audit level and pinned version.</param>
public sealed record LabelTarget(string Namespace, LevelVersion Enforce, LevelVersion WarnAndAudit)
{
    /// <summary>The labels, in the order enforce, audit, warn.</summary>
    public ImmutableArray<KeyValuePair<string, string>> Labels =>
    [
        new(PodSecurityLabels.Enforce, Enforce.Level.ToWireString()),
        new(PodSecurityLabels.EnforceVersion, Enforce.Version.ToString()),
        new(PodSecurityLabels.Audit, WarnAndAudit.Level.ToWireString()),
        new(PodSecurityLabels.AuditVersion, WarnAndAudit.Version.ToString()),
        new(PodSecurityLabels.Warn, WarnAndAudit.Level.ToWireString()),
        new(PodSecurityLabels.WarnVersion, WarnAndAudit.Version.ToString()),
    ];

    /// <summary>The <c>kubectl label</c> command that applies the labels (first with <c>--dry-run=server</c> to see PSA's own warnings).</summary>
    public string KubectlCommand =>
        $"kubectl label --overwrite namespace {Namespace} " + string.Join(" ", Labels.Select(l => l.Key + "=" + l.Value));

    /// <summary>A merge patch for the namespace (<c>kubectl patch namespace NAME --type=merge --patch-file FILE</c>).</summary>
    public string YamlPatch
    {
        get
        {
            var sb = new StringBuilder();
            sb.Append("metadata:\n  labels:\n");
            foreach (var label in Labels)
            {
                sb.Append("    ").Append(label.Key).Append(": \"").Append(label.Value).Append("\"\n");
            }

            return sb.ToString();
        }
    }
}
