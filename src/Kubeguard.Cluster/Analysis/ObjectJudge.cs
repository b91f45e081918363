using System.Collections.Immutable;
using Kubeguard.Admission;
using Kubeguard.Cluster.Results;
using Kubeguard.Policy;
using Kubeguard.Policy.Workloads;

namespace Kubeguard.Cluster.Analysis;

/// <summary>
/// Judges one pod or workload template: against the namespace's current modes as Pod Security
/// Admission would (audit), and against every rung of the plan ladder (plan). Every verdict comes
/// from <see cref="PolicyEvaluator"/>; nothing here decides a check.
/// </summary>
internal sealed class ObjectJudge(PlanLadder ladder, PodSecurityConfiguration configuration)
{
    private const string PodSecurityPolicyAnnotation = "kubernetes.io/psp";
    private static readonly string[] ModeNames = ["enforce", "audit", "warn"];

    private readonly List<(LevelVersion Policy, PodSecurityResult Result)> _cache = new(8);

    public void Judge(NamespaceState ns, Tally tally, WorkloadRef workload, string name, PodTemplate template)
    {
        var isPod = template.IsPod;
        if (isPod)
        {
            tally.Pods++;
            if (template.Metadata?.Annotations?.TryGetValue(PodSecurityPolicyAnnotation, out var psp) == true && !string.IsNullOrEmpty(psp))
            {
                tally.PodSecurityPolicies[psp] = tally.PodSecurityPolicies.GetValueOrDefault(psp) + 1;
            }
        }
        else
        {
            tally.Templates++;
        }

        var spec = template.Spec;
        if (configuration.IsExemptRuntimeClass(spec.RuntimeClassName))
        {
            tally.ExemptObjects++;
            return;
        }

        _cache.Clear();
        ApiServerDefaults.Apply(spec, isPod);
        var audit = ns.LabelsKnown && !ns.Exempt && !ns.FullyPrivileged;
        if (audit && !isPod)
        {
            // PSA warns and audits a template as the template it is.
            Modes(ns, tally, workload, name, template, includeEnforce: false);
        }

        if (!isPod && ApiServerDefaults.Apply(spec, isPod: true))
        {
            // From here on the template stands for the pods it creates, which the API server defaults further.
            _cache.Clear();
        }

        if (audit)
        {
            Modes(ns, tally, workload, name, template, includeEnforce: true, enforceOnly: !isPod);
        }

        Plan(ns, tally, workload, name, template);
    }

    private void Modes(NamespaceState ns, Tally tally, WorkloadRef workload, string name, PodTemplate template, bool includeEnforce, bool enforceOnly = false)
    {
        Span<LevelVersion> policies = [ns.Policy.Enforce, ns.Policy.Audit, ns.Policy.Warn];
        Span<bool> done = stackalloc bool[3];
        for (var i = 0; i < 3; i++)
        {
            var wanted = i == 0 ? includeEnforce : !enforceOnly;
            if (!wanted || done[i] || policies[i].Level == Level.Privileged)
            {
                continue;
            }

            var modes = ImmutableArray.CreateBuilder<string>(3);
            for (var j = i; j < 3; j++)
            {
                var alsoWanted = j == 0 ? includeEnforce : !enforceOnly;
                if (alsoWanted && !done[j] && policies[j] == policies[i])
                {
                    done[j] = true;
                    modes.Add(ModeNames[j]);
                }
            }

            var result = Evaluate(policies[i], template);
            if (!result.Allowed)
            {
                tally.AddFinding(workload, template.IsPod ? Subject.Pods : Subject.Template, modes.ToImmutable(), result, name);
            }
        }
    }

    private void Plan(NamespaceState ns, Tally tally, WorkloadRef workload, string name, PodTemplate template)
    {
        var candidates = ladder.Candidates;
        for (var i = 0; i < candidates.Length; i++)
        {
            var forBreaks = i == 0 || i == ladder.BaselineStart;
            if (!forBreaks && (!tally.Passes[i] || !ns.Total.Passes[i]))
            {
                continue;
            }

            var result = Evaluate(candidates[i].Evaluate, template);
            if (result.Allowed)
            {
                continue;
            }

            tally.Passes[i] = false;
            if (forBreaks)
            {
                tally.AddBreak(i == 0, workload, template.IsPod, result with { Policy = candidates[i].Label }, name);
            }
        }
    }

    private PodSecurityResult Evaluate(LevelVersion policy, PodTemplate template)
    {
        foreach (var (cached, result) in _cache)
        {
            if (cached == policy)
            {
                return result;
            }
        }

        var evaluated = ladder.Evaluator.Evaluate(policy, template.Metadata, template.Spec);
        _cache.Add((policy, evaluated));
        return evaluated;
    }
}
