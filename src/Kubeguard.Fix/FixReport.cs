using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy;

namespace Kubeguard.Fix;

/// <summary>Renders fix results as a table for people or JSON for tools.</summary>
internal static class FixReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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

    public static void WriteTable(TextWriter output, IReadOnlyList<FileFix> files, LevelVersion target, string mode)
    {
        foreach (var file in files)
        {
            foreach (var issue in file.Issues)
            {
                output.WriteLine($"{issue.File}:{issue.Line.ToString(CultureInfo.InvariantCulture)}: document {issue.Document.ToString(CultureInfo.InvariantCulture)}: {issue.Message}");
            }

            foreach (var workload in file.Workloads.Where(w => w.Actions.Count > 0 || w.Problem is not null))
            {
                var name = workload.Namespace is null ? workload.Name : workload.Namespace + "/" + workload.Name;
                output.WriteLine($"{workload.File}:{workload.Line.ToString(CultureInfo.InvariantCulture)}: {workload.Kind} {name} at {target}: {Verdict(workload.Before)} -> {Verdict(workload.After)}, {workload.LinesChanged.ToString(CultureInfo.InvariantCulture)} lines changed");
                foreach (var action in workload.Actions)
                {
                    var change = action.Operation == "none" ? string.Empty : $" {action.Before ?? "(absent)"} -> {action.After ?? "(removed)"}";
                    output.WriteLine($"  line {action.Line.ToString(CultureInfo.InvariantCulture),-5} {action.Status.Name(),-12} {action.CheckId} ({action.Class.Name()}) {action.Operation} {action.Path}{change}");
                    if (!string.IsNullOrEmpty(action.Note))
                    {
                        output.WriteLine($"        {action.Note}");
                    }
                }

                if (workload.Problem is not null)
                {
                    output.WriteLine($"  left untouched: {workload.Problem}");
                }
            }
        }

        var t = Count(files);
        output.WriteLine($"{t.Workloads.ToString(CultureInfo.InvariantCulture)} workloads, {t.Failing.ToString(CultureInfo.InvariantCulture)} failing {target}, {t.Fixed.ToString(CultureInfo.InvariantCulture)} edited ({t.LinesChanged.ToString(CultureInfo.InvariantCulture)} lines), {t.PassingAfter.ToString(CultureInfo.InvariantCulture)} passing after; actions: {t.Applied.ToString(CultureInfo.InvariantCulture)} applied, {t.NeedsOptIn.ToString(CultureInfo.InvariantCulture)} need opt-in, {t.Manual.ToString(CultureInfo.InvariantCulture)} manual, {t.Refused.ToString(CultureInfo.InvariantCulture)} refused, {t.Skipped.ToString(CultureInfo.InvariantCulture)} skipped; {mode}");
    }

    private static string Verdict(PodSecurityResult result) =>
        result.Allowed ? "passes" : $"{result.Violations.Length.ToString(CultureInfo.InvariantCulture)} failing ({string.Join(", ", result.Violations.Select(v => v.CheckId))})";

    public static void WriteJson(TextWriter output, IReadOnlyList<FileFix> files, LevelVersion target, string mode)
    {
        var t = Count(files);
        var root = new JsonObject
        {
            ["target"] = target.ToString(),
            ["mode"] = mode,
            ["summary"] = new JsonObject
            {
                ["workloads"] = t.Workloads, ["failing"] = t.Failing, ["edited"] = t.Fixed, ["passingAfter"] = t.PassingAfter,
                ["linesChanged"] = t.LinesChanged, ["applied"] = t.Applied, ["needsOptIn"] = t.NeedsOptIn, ["manual"] = t.Manual,
                ["refused"] = t.Refused, ["skipped"] = t.Skipped, ["issues"] = t.Issues,
            },
            ["files"] = new JsonArray([.. files.Select(File)]),
        };
        output.WriteLine(root.ToJsonString(Indented));
    }

    private static JsonNode File(FileFix file) => new JsonObject
    {
        ["file"] = file.File,
        ["changed"] = file.Changed,
        ["verificationFailure"] = file.VerificationFailure,
        ["issues"] = new JsonArray([.. file.Issues.Select(i => (JsonNode)new JsonObject { ["document"] = i.Document, ["line"] = i.Line, ["message"] = i.Message })]),
        ["workloads"] = new JsonArray([.. file.Workloads.Select(w => (JsonNode)new JsonObject
        {
            ["document"] = w.Document,
            ["line"] = w.Line,
            ["kind"] = w.Kind,
            ["namespace"] = w.Namespace,
            ["name"] = w.Name,
            ["before"] = Result(w.Before),
            ["after"] = Result(w.After),
            ["linesChanged"] = w.LinesChanged,
            ["problem"] = w.Problem,
            ["actions"] = new JsonArray([.. w.Actions.Select(a => (JsonNode)new JsonObject
            {
                ["check"] = a.CheckId,
                ["class"] = a.Class.Name(),
                ["status"] = a.Status.Name(),
                ["operation"] = a.Operation,
                ["path"] = a.Path.ToString(),
                ["line"] = a.Line,
                ["before"] = a.Before,
                ["after"] = a.After,
                ["note"] = a.Note,
            })]),
        })]),
    };

    private static JsonObject Result(PodSecurityResult result) => new()
    {
        ["allowed"] = result.Allowed,
        ["message"] = result.Allowed ? null : result.WarningMessage,
        ["checks"] = new JsonArray([.. result.Violations.IsDefaultOrEmpty ? [] : result.Violations.Select(v => (JsonNode)JsonValue.Create(v.CheckId))]),
    };
}
