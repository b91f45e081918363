using Kubeguard.Fix.Planning;

namespace Kubeguard.Fix.Rules;

/// <summary>A fix rule: the actions that make one Pod Security check pass.</summary>
/// <param name="CheckId">The check it fixes.</param>
/// <param name="Plan">Proposes actions on the context (called only when the check fails).</param>
internal sealed record FixRule(string CheckId, Action<PlanContext> Plan);
