using System.Collections.Immutable;

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
    public string ForbiddenDetail => Allowed ? string.Empty : Compose(string.Empty, string.Empty, Violations);

    /// <summary>The enforce text: <c>violates PodSecurity "restricted:latest": …</c>; empty when allowed.</summary>
    public string Message => Allowed ? string.Empty : Compose("violates PodSecurity ", QuotedPolicy() + ": ", Violations);

    /// <summary>The warn and audit text: <c>would violate PodSecurity "restricted:latest": …</c>; empty when allowed.</summary>
    public string WarningMessage => Allowed ? string.Empty : Compose("would violate PodSecurity ", QuotedPolicy() + ": ", Violations);

    /// <summary>The API server's denial text: <c>pods "x" is forbidden: violates PodSecurity …</c>.</summary>
    public string DenialMessage(string? name, string resource = "pods") =>
        Allowed ? string.Empty
        : Compose(
            string.IsNullOrEmpty(name) ? resource + " is forbidden: violates PodSecurity " : resource + " " + GoText.Quote(name) + " is forbidden: violates PodSecurity ",
            QuotedPolicy() + ": ",
            Violations);

    private string QuotedPolicy() => GoText.Quote(Policy.ToString());

    // One allocation for the whole text: prefix, then "reason (detail), reason, ...".
    private static string Compose(string prefix, string infix, ImmutableArray<CheckViolation> violations)
    {
        var length = prefix.Length + infix.Length + (2 * (violations.Length - 1));
        foreach (var violation in violations)
        {
            length += violation.Reason.Length + (violation.Detail.Length > 0 ? violation.Detail.Length + 3 : 0);
        }

        return string.Create(length, (prefix, infix, violations), static (span, state) =>
        {
            var at = Append(span, 0, state.prefix);
            at = Append(span, at, state.infix);
            for (var i = 0; i < state.violations.Length; i++)
            {
                var violation = state.violations[i];
                if (i > 0)
                {
                    at = Append(span, at, ", ");
                }

                at = Append(span, at, violation.Reason);
                if (violation.Detail.Length > 0)
                {
                    at = Append(span, at, " (");
                    at = Append(span, at, violation.Detail);
                    span[at++] = ')';
                }
            }
        });
    }

    private static int Append(Span<char> span, int at, string text)
    {
        text.AsSpan().CopyTo(span[at..]);
        return at + text.Length;
    }
}
