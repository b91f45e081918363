using System.Globalization;
using System.Text.Json.Nodes;
using Kubeguard.Cluster.Results;

namespace Kubeguard.Cluster.Output;

/// <summary>
/// Builds one <c>wgpolicyk8s.io/v1alpha2</c> PolicyReport per namespace. A report holds one result
/// per failing workload (pods grouped), never one per pod, and at most <see cref="MaxResults"/>
/// results, so its size is bounded however many pods the namespace runs.
/// </summary>
public static class PolicyReports
{
    /// <summary>The API version written.</summary>
    public const string ApiVersion = "wgpolicyk8s.io/v1alpha2";

    /// <summary>The report name in each namespace.</summary>
    public const string Name = "kubeguard-pod-security";

    /// <summary>The most results in one report; the rest are summed in one last result.</summary>
    public const int MaxResults = 100;

    private const string Policy = "pod-security";
    private const string Category = "Pod Security Standards";
    private const string Source = "kubeguard";

    /// <summary>The reports of every namespace of <paramref name="report"/>, in namespace order.</summary>
    public static IEnumerable<JsonObject> For(ClusterReport report, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Namespaces.Select(n => For(n, now));
    }

    /// <summary>The report of one namespace.</summary>
    public static JsonObject For(NamespaceReport ns, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(ns);
        var timestamp = new JsonObject { ["seconds"] = now.ToUnixTimeSeconds(), ["nanos"] = (int)(now.Ticks % TimeSpan.TicksPerSecond * 100) };
        var results = new JsonArray();
        int pass = 0, fail = 0, warn = 0, skip = 0;
        var policyText = $"enforce={ns.Policy.Enforce}, audit={ns.Policy.Audit}, warn={ns.Policy.Warn}";

        foreach (var skipped in ns.Skipped)
        {
            skip++;
            results.Add((JsonNode)Result("skip", "read", $"{skipped.Resource} not read: {skipped.Reason}", "info", timestamp, null,
                new JsonObject { ["resource"] = skipped.Resource }));
        }

        if (ns.Exempt)
        {
            skip++;
            results.Add((JsonNode)Result("skip", "exempt", $"namespace {ns.Name} is exempt from Pod Security by the PodSecurityConfiguration; its labels are ignored", "info", timestamp, null, null));
        }

        var listed = 0;
        var unlisted = ns.OtherFindings;
        foreach (var finding in ns.Findings)
        {
            if (results.Count >= MaxResults - 1)
            {
                unlisted += finding.Count;
                continue;
            }

            var status = finding.Modes.Contains("enforce") || finding.Modes.Contains("audit") ? "fail" : "warn";
            if (status == "fail")
            {
                fail++;
            }
            else
            {
                warn++;
            }

            listed++;
            results.Add((JsonNode)Result(status, finding.Result.Policy.ToString(), finding.Result.WarningMessage, finding.Enforced ? "high" : "medium", timestamp,
                new JsonArray(Reference(ns.Name, finding.Workload)),
                new JsonObject
                {
                    ["modes"] = string.Join(",", finding.Modes),
                    ["subject"] = finding.Subject == Subject.Pods ? "pods" : "template",
                    ["count"] = finding.Count.ToString(CultureInfo.InvariantCulture),
                    ["example"] = finding.Example,
                    ["checks"] = string.Join(",", finding.Result.Violations.Select(v => v.CheckId)),
                }));
        }

        if (unlisted > 0)
        {
            fail++;
            results.Add((JsonNode)Result("fail", "more", $"{unlisted} more failing objects are not listed in this report", "medium", timestamp, null, null));
        }

        if (listed == 0 && unlisted == 0 && ns.Complete && !ns.Exempt)
        {
            pass++;
            results.Add((JsonNode)Result("pass", "namespace", $"every pod and workload template passes {policyText}", "info", timestamp, null,
                new JsonObject { ["pods"] = ns.Pods.ToString(CultureInfo.InvariantCulture), ["templates"] = ns.Templates.ToString(CultureInfo.InvariantCulture) }));
        }

        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = "PolicyReport",
            ["metadata"] = new JsonObject
            {
                ["name"] = Name,
                ["namespace"] = ns.Name,
                ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = Source },
            },
            ["scope"] = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["name"] = ns.Name },
            ["summary"] = new JsonObject { ["pass"] = pass, ["fail"] = fail, ["warn"] = warn, ["error"] = 0, ["skip"] = skip },
            ["results"] = results,
        };
    }

    private static JsonObject Reference(string ns, WorkloadRef workload) => new()
    {
        ["apiVersion"] = workload.Kind switch
        {
            "Deployment" or "ReplicaSet" or "StatefulSet" or "DaemonSet" => "apps/v1",
            "Job" or "CronJob" => "batch/v1",
            _ => "v1",
        },
        ["kind"] = workload.Kind,
        ["namespace"] = ns,
        ["name"] = workload.Name,
    };

    private static JsonObject Result(string result, string rule, string message, string severity, JsonObject timestamp, JsonArray? resources, JsonObject? properties)
    {
        var node = new JsonObject
        {
            ["policy"] = Policy,
            ["rule"] = rule,
            ["category"] = Category,
            ["message"] = message,
            ["result"] = result,
            ["severity"] = severity,
            ["scored"] = true,
            ["source"] = Source,
            ["timestamp"] = timestamp.DeepClone(),
        };
        if (resources is not null)
        {
            node["resources"] = resources;
        }

        if (properties is not null)
        {
            node["properties"] = properties;
        }

        return node;
    }
}
