using System.Text;
using System.Text.Json.Nodes;
using Kubeguard.Fix.Editing;
using Kubeguard.Fix.Planning;
using Kubeguard.Fix.Yaml;
using YamlDotNet.Core;

namespace Kubeguard.Fix;

/// <summary>
/// Fixes one file: plans every workload document, renders the edits on the original text, and
/// proves the result before returning it (re-parse, semantic diff against the plan, re-evaluation,
/// byte checks, idempotence). Any failed proof returns the original bytes with the reason.
/// </summary>
internal static class FixEngine
{
    private sealed record DocumentWork(YamlDocument Document, WorkloadPlan? Plan, IReadOnlyList<TextEdit> Edits, WorkloadFix? Workload);

    public static FileFix Fix(string file, byte[] bytes, FixOptions options)
    {
        SourceText source;
        try
        {
            source = SourceText.Decode(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Unchanged(file, bytes, string.Empty, [], [new DocumentIssue(file, 0, 1, "not UTF-8 text; left untouched")]);
        }

        var text = source.Text;
        var (work, issues) = PlanText(file, text, options);
        var edits = work.SelectMany(w => w.Edits).ToList();
        if (edits.Count == 0)
        {
            return Unchanged(file, bytes, text, [.. work.Where(w => w.Workload is not null).Select(w => w.Workload!)], issues);
        }

        var output = TextEdit.ApplyAll(text, edits);
        var failure = Verify(text, output, work, options);
        if (failure is not null)
        {
            var withheld = work.Where(w => w.Workload is not null).Select(w => Withhold(w.Workload!, "verification failed: " + failure)).ToList();
            return Unchanged(file, bytes, text, withheld, issues) with { VerificationFailure = failure };
        }

        return new FileFix
        {
            File = file,
            Original = bytes,
            Output = source.Encode(output),
            OriginalText = text,
            OutputText = output,
            Workloads = [.. work.Where(w => w.Workload is not null).Select(w => w.Workload!)],
            Issues = issues,
            Edits = edits,
        };
    }

    private static FileFix Unchanged(string file, byte[] bytes, string text, IReadOnlyList<WorkloadFix> workloads, IReadOnlyList<DocumentIssue> issues) => new()
    {
        File = file,
        Original = bytes,
        Output = bytes,
        OriginalText = text,
        OutputText = text,
        Workloads = [.. workloads.Select(w => w.LinesChanged == 0 && w.Edits.Count == 0 ? w : w with { LinesChanged = 0, Edits = [] })],
        Issues = issues,
        Edits = [],
    };

    private static WorkloadFix Withhold(WorkloadFix workload, string reason) => workload with
    {
        Problem = reason,
        After = workload.Before,
        LinesChanged = 0,
        Edits = [],
        Actions = [.. workload.Actions.Select(a => a.Status == ActionStatus.Applied ? a with { Status = ActionStatus.Refused, Note = reason } : a)],
    };

    private static (List<DocumentWork> Work, List<DocumentIssue> Issues) PlanText(string file, string text, FixOptions options)
    {
        var lines = new LineMap(text);
        var work = new List<DocumentWork>();
        var issues = new List<DocumentIssue>();
        foreach (var document in LocatedYamlParser.Parse(text, lines))
        {
            if (document.Error is not null)
            {
                issues.Add(new DocumentIssue(file, document.Index, document.Line, $"not valid YAML ({document.Error}); left untouched"));
                work.Add(new DocumentWork(document, null, [], null));
                continue;
            }

            JsonNode? json;
            try
            {
                json = JsonProjection.ToJson(document.Root);
            }
            catch (YamlException ex)
            {
                issues.Add(new DocumentIssue(file, document.Index, document.Line, ex.Message + "; left untouched"));
                work.Add(new DocumentWork(document, null, [], null));
                continue;
            }

            if (json is null || !WorkloadModel.IsWorkload(json))
            {
                work.Add(new DocumentWork(document, null, [], null));
                continue;
            }

            WorkloadPlan? plan;
            try
            {
                plan = FixPlanner.Plan(json, options);
            }
#pragma warning disable CA1031 // a document that does not fit its kind's schema is reported, never fatal
            catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or InvalidOperationException or ArgumentException)
#pragma warning restore CA1031
            {
                issues.Add(new DocumentIssue(file, document.Index, document.Line, $"cannot read {WorkloadModel.KindOf(json)}: {ex.Message}; left untouched"));
                work.Add(new DocumentWork(document, null, [], null));
                continue;
            }

            if (plan is null)
            {
                work.Add(new DocumentWork(document, null, [], null));
                continue;
            }

            work.Add(Render(file, text, lines, document, json, plan));
        }

        return (work, issues);
    }

    private static DocumentWork Render(string file, string text, LineMap lines, YamlDocument document, JsonNode json, WorkloadPlan plan)
    {
        var editor = new YamlEditor(text, lines, document);
        var (edits, refusal) = editor.Render(plan.Edits);
        var actions = plan.Actions.Select(a => a with { Line = LineOf(document, lines, a.Path) }).ToList();
        var workload = new WorkloadFix
        {
            File = file,
            Document = document.Index,
            Line = document.Line,
            Kind = WorkloadModel.KindOf(json) ?? string.Empty,
            Name = PlanContext.Str(json["metadata"]?["name"]),
            Namespace = PlanContext.Str(json["metadata"]?["namespace"]),
            Before = plan.Before,
            After = plan.After,
            Actions = actions,
            LinesChanged = CountLines(text, edits),
            Edits = edits,
        };
        if (refusal is not null)
        {
            var reason = $"refused: {refusal.Reason} (line {refusal.Line})";
            return new DocumentWork(document, null, [], Withhold(workload, reason));
        }

        return new DocumentWork(document, plan, edits, workload);
    }

    /// <summary>Line of the field, or of its nearest parent that exists in the text.</summary>
    private static int LineOf(YamlDocument document, LineMap lines, FieldPath path)
    {
        var node = document.Root;
        var line = document.Line;
        if (node is null)
        {
            return line;
        }

        line = lines.LineOf(node.Start);
        foreach (var segment in path.Segments)
        {
            var next = node.Child(segment, out var key);
            if (next is null)
            {
                break;
            }

            node = next;
            line = lines.LineOf((key ?? next).Start);
        }

        return line;
    }

    private static int CountLines(string text, IReadOnlyList<TextEdit> edits)
    {
        var changed = 0;
        foreach (var edit in edits)
        {
            if (edit.Start == edit.End)
            {
                changed += Math.Max(1, edit.Text.Count(c => c == '\n'));
            }
            else if (edit.Text.Length == 0 && text.AsSpan(edit.Start, edit.End - edit.Start).Contains('\n'))
            {
                changed += text.AsSpan(edit.Start, edit.End - edit.Start).Count('\n');
            }
            else
            {
                changed += 1;
            }
        }

        return changed;
    }

    private static string? Verify(string original, string output, List<DocumentWork> work, FixOptions options)
    {
        var unexplained = work.Where(w => w.Plan is not null && w.Edits.Count > 0).SelectMany(w => w.Plan!.Unexplained).FirstOrDefault();
        if (unexplained is not null)
        {
            return unexplained;
        }

        if (original.EndsWith('\n') != output.EndsWith('\n'))
        {
            return "the final newline changed";
        }

        if (original.Contains("\r\n", StringComparison.Ordinal) && !HasLoneLineFeed(original) && HasLoneLineFeed(output))
        {
            return "a CRLF file gained LF line endings";
        }

        var lines = new LineMap(output);
        var reparsed = LocatedYamlParser.Parse(output, lines);
        if (reparsed.Count != work.Count)
        {
            return $"the result has {reparsed.Count} documents instead of {work.Count}";
        }

        for (var i = 0; i < work.Count; i++)
        {
            var before = work[i];
            var after = reparsed[i];
            if (before.Edits.Count == 0)
            {
                if (!original.AsSpan(before.Document.Start, before.Document.End - before.Document.Start).SequenceEqual(output.AsSpan(after.Start, after.End - after.Start)))
                {
                    return $"document {before.Document.Index} changed although it had no planned edit";
                }

                continue;
            }

            if (after.Error is not null)
            {
                return $"document {before.Document.Index} no longer parses: {after.Error}";
            }

            JsonNode? json;
            try
            {
                json = JsonProjection.ToJson(after.Root);
            }
            catch (YamlException ex)
            {
                return $"document {before.Document.Index}: {ex.Message}";
            }

            if (!JsonNode.DeepEquals(json, before.Plan!.Expected))
            {
                return $"document {before.Document.Index} does not match the planned change";
            }

            var verdict = WorkloadModel.Evaluate(json!, options)?.Result;
            if (verdict is null || verdict.Value.ForbiddenDetail != before.Plan.After.ForbiddenDetail)
            {
                return $"document {before.Document.Index} re-evaluates differently from the plan";
            }
        }

        var (again, _) = PlanText(string.Empty, output, options);
        var replanned = again.Sum(w => w.Plan?.Edits.Count ?? 0);
        return replanned == 0 ? null : $"a second run would plan {replanned} more edits (not idempotent)";
    }

    private static bool HasLoneLineFeed(string text)
    {
        for (var i = text.IndexOf('\n', StringComparison.Ordinal); i >= 0; i = text.IndexOf('\n', i + 1))
        {
            if (i == 0 || text[i - 1] != '\r')
            {
                return true;
            }
        }

        return false;
    }
}
