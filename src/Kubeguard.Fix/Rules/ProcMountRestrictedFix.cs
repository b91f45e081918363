using Kubeguard.Policy.Checks;

namespace Kubeguard.Fix.Rules;

/// <summary><c>procMount</c> other than Default → Default at restricted (v1.35+); opt-in.</summary>
internal static class ProcMountRestrictedFix
{
    public static FixRule Rule { get; } = new(ProcMountRestricted.Id, c => ProcMountFix.Plan(c, ProcMountRestricted.Id));
}
