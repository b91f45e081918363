using System.Collections.Immutable;
using System.Globalization;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy;
using Kubeguard.Reporting;

namespace Kubeguard.Fix;

/// <summary>
/// Turns fix results into the shared <see cref="Report"/> model, so <c>fix</c> prints through the
/// same table, JSON and JUnit writers as every other command: one target per workload (passed when
/// it passes after the applied actions), one finding per action with its class and status.
/// </summary>
internal static class FixReport
{
    /// <summary>Totals over all files.</summary>
    internal sealed record Totals(int Workloads, int Failing, int Fixed, int PassingAfter, int LinesChanged, int Applied, int NeedsOptIn, int Manual, int Refused, int Skipped, int Issues);

    public static Totals Count(IReadOnlyList<FileFix> files)
    {
        var workloads = files.SelectMany(f => f.Workloads).ToList();
        var actions = workloads.SelectMany(w => w.Actions).ToList();
        return new Totals(
            workloads.Count,
            workloads.Count(w => !w.Before.Allowed),
            workloads.Count(w => w.Changed),
            workloads.Count(w => w.After.Allowed),
            workloads.Sum(w => w.LinesChanged),
            actions.Count(a => a.Status == ActionStatus.Applied),
            actions.Count(a => a.Status == ActionStatus.NeedsOptIn),
            actions.Count(a => a.Status == ActionStatus.Manual),
            actions.Count(a => a.Status == ActionStatus.Refused),
            actions.Count(a => a.Status == ActionStatus.Skipped),
            files.Sum(f => f.Issues.Count) + files.Count(f => f.VerificationFailure is not null));
    }

    public static Report ToReport(IReadOnlyList<FileFix> files, LevelVersion target, string mode)
    {
        var t = Count(files);
        var targets = new List<Target>();
        var errors = new List<InputError>();
        foreach (var file in files)
        {
            errors.AddRange(file.Issues.Select(i => new InputError(new Location(i.File, i.Line, null, i.Document - 1), i.Message)));
            if (file.VerificationFailure is not null)
            {
                errors.Add(new InputError(new Location(file.File), "verification failed, file left untouched: " + file.VerificationFailure));
            }

            foreach (var workload in file.Workloads)
            {
                var findings = workload.Actions.Select(a => new Finding(a.CheckId, SeverityOf(a.Status), $"{a.Status.Name()} ({a.Class.Name()}): {a.Operation}", Change(a))
                {
                    Location = new Location(workload.File, a.Line, null, workload.Document - 1, a.Path.ToString()),
                    Remediation = a.Note ?? string.Empty,
                    Properties = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
                    {
                        ["class"] = a.Class.Name(),
                        ["status"] = a.Status.Name(),
                        ["operation"] = a.Operation,
                        ["before"] = a.Before ?? string.Empty,
                        ["after"] = a.After ?? string.Empty,
                    }),
                });
                targets.Add(new Target($"{workload.Kind} {Display(workload)}", workload.After.Allowed, [.. findings])
                {
                    Subject = new Subject(null, workload.Kind, workload.Namespace, workload.Name),
                    Location = new Location(workload.File, workload.Line, null, workload.Document - 1),
                    Message = Verdict(workload),
                    Properties = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string>
                    {
                        ["before"] = workload.Before.Allowed ? "passes" : workload.Before.WarningMessage,
                        ["after"] = workload.After.Allowed ? "passes" : workload.After.WarningMessage,
                        ["linesChanged"] = workload.LinesChanged.ToString(CultureInfo.InvariantCulture),
                        ["problem"] = workload.Problem ?? string.Empty,
                    }),
                });
            }
        }

        var rules = CheckCatalog.BuiltIn.Select(c => new Rule(c.Id, c.Summary, c.Summary, c.Remediation, Severity.Medium)).ToImmutableArray();
        return new Report(ToolInfo.Kubeguard, rules, [.. targets], [.. errors])
        {
            Command = "fix",
            Counters =
            [
                new("workloads edited", t.Fixed), new("lines changed", t.LinesChanged), new("actions applied", t.Applied),
                new("need opt-in", t.NeedsOptIn), new("manual", t.Manual), new("refused", t.Refused), new("skipped", t.Skipped),
            ],
            Properties = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, new Dictionary<string, string> { ["target"] = target.ToString(), ["mode"] = mode }),
        };
    }

    private static string Display(WorkloadFix workload) =>
        string.IsNullOrEmpty(workload.Name) ? "(unnamed)" : string.IsNullOrEmpty(workload.Namespace) ? workload.Name : workload.Namespace + "/" + workload.Name;

    private static string Verdict(WorkloadFix workload)
    {
        var before = workload.Before.Allowed ? "passes" : $"{workload.Before.Violations.Length.ToString(CultureInfo.InvariantCulture)} failing";
        var after = workload.After.Allowed ? "passes" : workload.After.WarningMessage;
        var problem = workload.Problem is null ? string.Empty : $"; left untouched: {workload.Problem}";
        return $"before: {before}; after: {after}; {workload.LinesChanged.ToString(CultureInfo.InvariantCulture)} lines changed{problem}";
    }

    private static string Change(FixAction action) =>
        action.Operation == "none" ? string.Empty : $"{action.Before ?? "(absent)"} -> {action.After ?? "(removed)"}";

    private static Severity SeverityOf(ActionStatus status) => status switch
    {
        ActionStatus.Applied => Severity.Info,
        ActionStatus.Manual => Severity.High,
        _ => Severity.Medium,
    };
}
