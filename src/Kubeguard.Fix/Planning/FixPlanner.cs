using System.Text.Json.Nodes;
using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Rules;
using Kubeguard.Policy;

namespace Kubeguard.Fix.Planning;

/// <summary>
/// Plans the smallest set of actions that make one pod-bearing object pass the target level and
/// version: only checks the engine reports as failing there get actions (nothing is inserted for
/// checks not active at the target).
/// </summary>
internal static class FixPlanner
{
    /// <summary>Parents that may be removed when a removal leaves them empty (an empty one reads as null).</summary>
    private static readonly HashSet<string> Collapsible = new(StringComparer.Ordinal)
    {
        "securityContext", "capabilities", "add", "drop", "sysctls", "seLinuxOptions", "httpGet", "tcpSocket",
    };

    public static WorkloadPlan? Plan(JsonNode document, FixOptions options)
    {
        var evaluated = WorkloadModel.Evaluate(document, options);
        if (evaluated is not { } found)
        {
            return null;
        }

        var context = new PlanContext(document, found.Template, found.Result, options);
        foreach (var rule in FixRules.All)
        {
            if (context.Failing.Contains(rule.CheckId))
            {
                rule.Plan(context);
            }
        }

        var actions = context.Actions.ToList();
        foreach (var violation in found.Result.Violations.IsDefaultOrEmpty ? [] : found.Result.Violations)
        {
            if (!actions.Any(a => a.CheckId == violation.CheckId))
            {
                var remediation = CheckCatalog.BuiltIn.FirstOrDefault(c => c.Id == violation.CheckId)?.Remediation;
                actions.Add(new FixAction(violation.CheckId, SafetyClass.Manual, ActionStatus.Manual, "none", context.Spec, null, null,
                    string.IsNullOrEmpty(remediation) ? violation.Detail : remediation, null));
            }
        }

        var edits = Collapse(document, [.. context.AppliedEdits], context);
        var expected = document.DeepClone();
        JsonEdits.ApplyAll(expected, edits);
        var after = WorkloadModel.Evaluate(expected, options)?.Result ?? found.Result;
        var unexplained = new List<string>();
        foreach (var violation in after.Violations.IsDefaultOrEmpty ? [] : after.Violations)
        {
            if (!actions.Any(a => a.CheckId == violation.CheckId && a.Status != ActionStatus.Applied))
            {
                unexplained.Add($"{violation.CheckId} still fails after its actions: {violation}");
            }
        }

        return new WorkloadPlan
        {
            Template = found.Template,
            Before = found.Result,
            After = after,
            Actions = actions,
            Edits = edits,
            Expected = expected,
            Unexplained = unexplained,
        };
    }

    /// <summary>Adds the removal of every collapsible parent that the planned removals leave empty.</summary>
    private static List<EditOp> Collapse(JsonNode document, List<EditOp> edits, PlanContext context)
    {
        while (true)
        {
            var result = document.DeepClone();
            JsonEdits.ApplyAll(result, edits);
            EditOp? extra = null;
            foreach (var edit in edits.Where(e => e.Kind == EditKind.Remove))
            {
                var parent = edit.Path.Parent;
                if (parent?.LastKey is { } name && Collapsible.Contains(name) && parent.Count > context.Spec.Count
                    && JsonEdits.At(result, parent) is JsonObject { Count: 0 } or JsonArray { Count: 0 }
                    && !edits.Any(e => e.Kind == EditKind.Remove && e.Path.Equals(parent)))
                {
                    extra = new EditOp(EditKind.Remove, parent, null);
                    break;
                }
            }

            if (extra is null)
            {
                return edits;
            }

            edits.Add(extra);
        }
    }
}
