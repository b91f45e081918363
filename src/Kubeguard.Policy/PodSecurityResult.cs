using System.Collections.Immutable;
using System.Text;

namespace Kubeguard.Policy;

/// <summary>The verdict of one pod at one level and version, with upstream's texts.</summary>
/// <param name="Policy">The level and version requested (printed in messages).</param>
/// <param name="Violations">Failed checks in upstream order; empty when allowed.</param>
public readonly record struct PodSecurityResult(LevelVersion Policy, ImmutableArray<CheckViolation> Violations)
{
    /// <summary>True when no check failed.</summary>
    public bool Allowed => Violations.IsDefaultOrEmpty;

    /// <summary>Upstream's ForbiddenReason: the reasons joined with <c>", "</c>.</summary>
    public string ForbiddenReason => Allowed ? string.Empty : string.Join(", ", Violations.Select(v => v.Reason));

    /// <summary>Upstream's ForbiddenDetail: <c>reason (detail), reason (detail)</c>.</summary>
    public string ForbiddenDetail
    {
        get
        {
            if (Allowed)
            {
                return string.Empty;
            }

            var sb = new StringBuilder();
            foreach (var violation in Violations)
            {
                if (sb.Length > 0)
                {
                    sb.Append(", ");
                }

                sb.Append(violation.Reason);
                if (violation.Detail.Length > 0)
                {
                    sb.Append(" (").Append(violation.Detail).Append(')');
                }
            }

            return sb.ToString();
        }
    }

    /// <summary>The enforce text: <c>violates PodSecurity "restricted:latest": …</c>; empty when allowed.</summary>
    public string Message => Allowed ? string.Empty : $"violates PodSecurity {GoText.Quote(Policy.ToString())}: {ForbiddenDetail}";

    /// <summary>The warn and audit text: <c>would violate PodSecurity "restricted:latest": …</c>; empty when allowed.</summary>
    public string WarningMessage => Allowed ? string.Empty : $"would violate PodSecurity {GoText.Quote(Policy.ToString())}: {ForbiddenDetail}";

    /// <summary>The API server's denial text: <c>pods "x" is forbidden: violates PodSecurity …</c>.</summary>
    public string DenialMessage(string? name, string resource = "pods") =>
        Allowed ? string.Empty
        : string.IsNullOrEmpty(name) ? $"{resource} is forbidden: {Message}"
        : $"{resource} {GoText.Quote(name)} is forbidden: {Message}";
}
