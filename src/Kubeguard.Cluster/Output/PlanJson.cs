using System.Text.Encodings.Web;
using System.Text.Json;
using Kubeguard.Cluster.Results;

namespace Kubeguard.Cluster.Output;

/// <summary>
/// The plan as JSON: per namespace its current labels, <c>strictest</c> as <c>level:version</c>
/// (null when the namespace was not read completely), the workloads that break at each stricter
/// level with upstream reasons, and the label command and patch.
/// </summary>
public static class PlanJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
    public static void Write(ClusterReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("command", "cluster plan");
            w.WriteString("server", report.Server);
            Nullable(w, "serverVersion", report.ServerVersion);
            w.WriteString("pinVersion", report.PinVersion.ToString());
            w.WriteStartArray("namespaces");
            foreach (var ns in report.Namespaces)
            {
                WriteNamespace(w, ns);
            }

            w.WriteEndArray();
            Skipped(w, report.Skipped);
            Nullable(w, "error", report.Failure?.Message);
            w.WriteEndObject();
        }

        output.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        output.Write('\n');
    }

    private static void WriteNamespace(Utf8JsonWriter w, NamespaceReport ns)
    {
        w.WriteStartObject();
        w.WriteString("namespace", ns.Name);
        w.WriteStartObject("labels");
        foreach (var (key, value) in ns.Labels)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
        w.WriteString("enforce", ns.Policy.Enforce.ToString());
        w.WriteString("audit", ns.Policy.Audit.ToString());
        w.WriteString("warn", ns.Policy.Warn.ToString());
        w.WriteStartArray("labelErrors");
        foreach (var error in ns.LabelErrors)
        {
            w.WriteStringValue(error);
        }

        w.WriteEndArray();
        w.WriteBoolean("exempt", ns.Exempt);
        w.WriteBoolean("complete", ns.Complete);
        w.WriteNumber("pods", ns.Pods);
        w.WriteNumber("templates", ns.Templates);
        w.WriteNumber("exemptObjects", ns.ExemptObjects);
        Nullable(w, "strictest", ns.Plan.Strictest?.ToString());
        w.WriteStartArray("stricter");
        foreach (var level in ns.Plan.Breaks)
        {
            w.WriteStartObject();
            w.WriteString("policy", level.Policy.ToString());
            w.WriteNumber("unlistedObjects", level.OtherObjects);
            w.WriteStartArray("violations");
            foreach (var item in level.Workloads)
            {
                w.WriteStartObject();
                w.WriteString("kind", item.Workload.Kind);
                w.WriteString("name", item.Workload.Name);
                w.WriteNumber("pods", item.Pods);
                w.WriteNumber("templates", item.Templates);
                w.WriteString("example", item.Example);
                w.WriteString("reasons", item.Reasons);
                w.WriteStartArray("checks");
                foreach (var violation in item.Violations)
                {
                    w.WriteStartObject();
                    w.WriteString("check", violation.CheckId);
                    w.WriteString("reason", violation.Reason);
                    w.WriteString("detail", violation.Detail);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        Nullable(w, "kubectl", ns.Plan.Target?.KubectlCommand);
        Nullable(w, "patch", ns.Plan.Target?.YamlPatch);
        w.WriteStartObject("podSecurityPolicies");
        foreach (var (name, count) in ns.PodSecurityPolicies)
        {
            w.WriteNumber(name, count);
        }

        w.WriteEndObject();
        Skipped(w, ns.Skipped);
        w.WriteEndObject();
    }

    private static void Skipped(Utf8JsonWriter w, IEnumerable<SkippedRead> skipped)
    {
        w.WriteStartArray("skipped");
        foreach (var item in skipped)
        {
            w.WriteStartObject();
            w.WriteString("resource", item.Resource);
            Nullable(w, "namespace", item.Namespace);
            w.WriteString("reason", item.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Nullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
