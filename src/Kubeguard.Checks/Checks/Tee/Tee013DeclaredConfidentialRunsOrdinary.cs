namespace Kubeguard.Checks.Tee;

/// <summary>TEE-013: the owner declared the workload confidential but nothing makes it so.</summary>
internal static class Tee013DeclaredConfidentialRunsOrdinary
{
    public const string Id = "tee-013";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Tee,
        "Declared confidential, runs ordinary",
        "The kubeguard.io/confidential: required annotation states that the workload must run in a TEE. Without a TEE runtime class or a hard requirement on confidential nodes the pod runs on any node, in plain memory the host reads, while everyone believes it is protected.",
        "Add the TEE runtime class, or a required node affinity on the confidential-node label or ComputeClass.",
        Evaluate)
    {
        Reads = ["Pod", "workloads", "Namespace", "RuntimeClass"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var pod in TeeIntent.All(context.Inventory, context.Options.TeeClasses).Where(p => p.IntentSource is not null))
        {
            if (pod.Kind is TeeClassKind.Tee or TeeClassKind.Depends or TeeClassKind.ClaimsCoCo or TeeClassKind.KataNoTee)
            {
                continue; // TEE-001 judges the class.
            }

            var types = ConfidentialNodes.Required(pod.Workload.Spec);
            var intent = $"intent from {pod.IntentSource}";
            if (types is null)
            {
                yield return TeeHits.On(pod, TeeHits.Spec(pod), "tee-013/ordinary", $"declared confidential ({intent}) but {pod.Describe()} is not a TEE class and no required node selector or affinity names confidential nodes", $"{pod.Evidence}; node selector and affinity");
            }
            else if (types.Count > 0 && types.All(t => t == "SEV"))
            {
                yield return TeeHits.On(pod, TeeHits.Spec(pod), "tee-013/sev-only", $"declared confidential ({intent}) and requires only SEV confidential nodes, which lack SEV-SNP integrity protection", "node selector and affinity");
            }
        }
    }
}

/// <summary>Reads the hard requirement on GKE confidential nodes from a pod spec.</summary>
internal static class ConfidentialNodes
{
    /// <summary>
    /// The instance types required (empty when only presence or the legacy label is required), or
    /// null when no hard requirement names confidential nodes.
    /// </summary>
    public static IReadOnlyList<string>? Required(k8s.Models.V1PodSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.NodeSelector is { } selector)
        {
            if (selector.TryGetValue(TeeRuntimeClasses.GkeInstanceTypeLabel, out var type) && !string.IsNullOrWhiteSpace(type))
            {
                return [type.Trim()];
            }

            if (selector.TryGetValue(TeeRuntimeClasses.GkeLegacyLabel, out var legacy) && legacy == "true")
            {
                return [];
            }
        }

        var terms = Values.Each(spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms).ToList();
        if (terms.Count == 0)
        {
            return null;
        }

        // Every term is an alternative: each must require confidential nodes.
        var types = new List<string>();
        foreach (var term in terms)
        {
            var expression = Values.Each(term.MatchExpressions).FirstOrDefault(e =>
                (e.Key == TeeRuntimeClasses.GkeInstanceTypeLabel && e.OperatorProperty is "Exists" or "In")
                || (e.Key == TeeRuntimeClasses.GkeLegacyLabel && e.OperatorProperty == "In" && Values.Strings(e.Values).Contains("true")));
            if (expression is null)
            {
                return null;
            }

            if (expression.Key == TeeRuntimeClasses.GkeInstanceTypeLabel && expression.OperatorProperty == "In")
            {
                types.AddRange(Values.Strings(expression.Values));
            }
            else
            {
                return [];
            }
        }

        return types;
    }
}
