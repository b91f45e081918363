using System.Globalization;
using k8s.Models;
using Kubeguard.Policy;

namespace Kubeguard.Admission;

public sealed partial class AdmissionEvaluator
{
    /// <summary>
    /// Upstream's dry-run of a tightened enforce level over a namespace's pods: bounded by
    /// <see cref="NamespaceDryRunBudget"/> (or half the time left before the request deadline) and
    /// <see cref="NamespaceDryRunPodLimit"/> pods; failing pods grouped by their reasons.
    /// </summary>
    private async Task<List<string>> CheckExistingPodsAsync(
        string name, LevelVersion enforce, DateTimeOffset? deadline, CancellationToken cancellationToken)
    {
        var start = _time.GetUtcNow();
        var budget = NamespaceDryRunBudget;
        if (deadline is { } d && (d - start) / 2 < budget)
        {
            budget = (d - start) / 2;
        }

        if (budget < TimeSpan.Zero)
        {
            budget = TimeSpan.Zero;
        }

        var stopAt = start + budget;
        IReadOnlyList<V1Pod> pods;
        using (var timeout = new CancellationTokenSource(budget, _time))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                pods = await _namespaces.ListPodsAsync(name, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NamespaceSourceException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return ["failed to list pods while checking new PodSecurity enforce level"];
            }
        }

        var ordered = Prioritize(pods.Where(p => !_configuration.IsExemptRuntimeClass(p.Spec?.RuntimeClassName)).ToList());
        var total = ordered.Count;
        if (ordered.Count > NamespaceDryRunPodLimit)
        {
            ordered.RemoveRange(NamespaceDryRunPodLimit, ordered.Count - NamespaceDryRunPodLimit);
        }

        var groups = new Dictionary<string, (string Smallest, int Count)>(StringComparer.Ordinal);
        var checkedCount = 0;
        foreach (var pod in ordered)
        {
            var result = _policy.Evaluate(enforce, pod.Metadata, pod.Spec);
            checkedCount++;
            if (!result.Allowed)
            {
                var podName = pod.Metadata?.Name ?? string.Empty;
                var reasons = result.ForbiddenReason;
                groups[reasons] = groups.TryGetValue(reasons, out var g)
                    ? (GoText.Ordinal.Compare(podName, g.Smallest) < 0 ? podName : g.Smallest, g.Count + 1)
                    : (podName, 1);
            }

            if (_time.GetUtcNow() >= stopAt)
            {
                break;
            }
        }

        var warnings = new List<string>();
        if (checkedCount < total)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"new PodSecurity enforce level only checked against the first {checkedCount} of {total} existing pods"));
        }

        if (groups.Count > 0)
        {
            warnings.Add($"existing pods in namespace {GoText.Quote(name)} violate the new PodSecurity enforce level {GoText.Quote(enforce.ToString())}");
            var lines = groups.Select(kv => kv.Value.Count switch
            {
                1 => $"{kv.Value.Smallest}: {kv.Key}",
                2 => $"{kv.Value.Smallest} (and 1 other pod): {kv.Key}",
                _ => string.Create(CultureInfo.InvariantCulture, $"{kv.Value.Smallest} (and {kv.Value.Count - 1} other pods): {kv.Key}"),
            }).ToList();
            lines.Sort(GoText.Ordinal);
            warnings.AddRange(lines);
        }

        return warnings;
    }

    // Pods without a controller, and the first pod of each controller, come first; then the
    // other replicas, so a bounded check sees as many distinct pod shapes as possible.
    private static List<V1Pod> Prioritize(List<V1Pod> pods)
    {
        var first = new List<V1Pod>(pods.Count);
        var rest = new List<V1Pod>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var controller = pod.Metadata?.OwnerReferences?.FirstOrDefault(o => o?.Controller == true);
            if (controller is null || seen.Add(controller.Uid ?? string.Empty))
            {
                first.Add(pod);
            }
            else
            {
                rest.Add(pod);
            }
        }

        first.AddRange(rest);
        return first;
    }
}
