using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy;

namespace Kubeguard.Fix;

/// <summary>
/// SARIF 2.1.0 for fix results: one result per workload that fails its target, carrying a
/// <c>fixes</c> entry whose replacements reproduce <c>--write</c>, and one result per action left
/// to a person (opt-in, manual, refused, skipped). Offsets count UTF-16 units of the text without
/// its BOM; replacements are listed in ascending offset order, so applying them from the last to the
/// first (as <c>--write</c> does) reproduces the written file.
/// </summary>
internal static class FixSarif
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter output, IReadOnlyList<FileFix> files)
    {
        var results = new JsonArray();
        foreach (var file in files)
        {
            foreach (var workload in file.Workloads.Where(w => !w.Before.Allowed))
            {
                var result = Result("pod-security", "error", workload.Before.WarningMessage, file.File, workload.Line);
                if (workload.Edits.Count > 0)
                {
                    result["fixes"] = new JsonArray(new JsonObject
                    {
                        ["description"] = new JsonObject { ["text"] = $"{workload.Actions.Count(a => a.Status == ActionStatus.Applied)} actions towards {workload.Before.Policy}" },
                        ["artifactChanges"] = new JsonArray(new JsonObject
                        {
                            ["artifactLocation"] = new JsonObject { ["uri"] = file.File },
                            ["replacements"] = new JsonArray([.. Editing.TextEdit.InApplicationOrder(workload.Edits).Reverse().Select(e => (JsonNode)new JsonObject
                            {
                                ["deletedRegion"] = new JsonObject { ["charOffset"] = e.Start, ["charLength"] = e.End - e.Start },
                                ["insertedContent"] = new JsonObject { ["text"] = e.Text },
                            })]),
                        }),
                    });
                }

                results.Add((JsonNode)result);
                foreach (var action in workload.Actions.Where(a => a.Status != ActionStatus.Applied))
                {
                    results.Add((JsonNode)Result(action.CheckId, action.Status == ActionStatus.NeedsOptIn ? "warning" : "note",
                        $"{action.Status.Name()} ({action.Class.Name()}): {action.Operation} {action.Path}. {action.Note}", file.File, action.Line));
                }
            }
        }

        var rules = new JsonArray(new JsonObject { ["id"] = "pod-security", ["shortDescription"] = new JsonObject { ["text"] = "The workload fails its Pod Security target." } });
        foreach (var check in CheckCatalog.BuiltIn)
        {
            rules.Add((JsonNode)new JsonObject { ["id"] = check.Id, ["shortDescription"] = new JsonObject { ["text"] = check.Summary } });
        }

        var log = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject { ["driver"] = new JsonObject { ["name"] = "kubeguard", ["rules"] = rules } },
                ["results"] = results,
            }),
        };
        output.WriteLine(log.ToJsonString(Indented));
    }

    private static JsonObject Result(string rule, string level, string message, string file, int line) => new()
    {
        ["ruleId"] = rule,
        ["level"] = level,
        ["message"] = new JsonObject { ["text"] = message },
        ["locations"] = new JsonArray(new JsonObject
        {
            ["physicalLocation"] = new JsonObject
            {
                ["artifactLocation"] = new JsonObject { ["uri"] = file },
                ["region"] = new JsonObject { ["startLine"] = Math.Max(1, line) },
            },
        }),
    };
}
