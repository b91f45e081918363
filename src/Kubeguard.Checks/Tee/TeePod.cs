using k8s.Models;

namespace Kubeguard.Checks.Tee;

/// <summary>The annotation keys the TEE checks read.</summary>
public static class TeeAnnotations
{
    /// <summary>Init-data: base64(gzip(TOML)), measured into the TEE report.</summary>
    public const string InitData = "io.katacontainers.config.hypervisor.cc_init_data";

    /// <summary>The obsolete init-data key, ignored since Kata 3.21 / CoCo v0.16.</summary>
    public const string ObsoleteInitData = "io.katacontainers.config.runtime.cc_init_data";

    /// <summary>base64 Rego agent policy (not measured upstream).</summary>
    public const string AgentPolicy = "io.katacontainers.config.agent.policy";

    /// <summary>EKS Nitro Cedar policy.</summary>
    public const string SandboxPolicy = "sandbox.amazonaws.com/policy";

    /// <summary>The runtime handler the CoCo guide writes on pods.</summary>
    public const string RuntimeHandler = "io.containerd.cri.runtime-handler";

    /// <summary>Extra guest kernel command line.</summary>
    public const string KernelParams = "io.katacontainers.config.hypervisor.kernel_params";

    /// <summary>Kubeguard's own intent annotation, on a workload or namespace.</summary>
    public const string Intent = "kubeguard.io/confidential";
}

/// <summary>
/// A workload seen through the TEE checks: its class, the evidence for it, its annotations and
/// whether it is meant to be confidential.
/// </summary>
/// <param name="Workload">The workload.</param>
/// <param name="ClassName">The runtime class name, or null.</param>
/// <param name="Handler">The handler the class resolved to (from a RuntimeClass object or the handler annotation), or null.</param>
/// <param name="Class">The matching list entry for the handler when known, else for the name; null when none matches.</param>
/// <param name="Evidence">How the class was decided, e.g. <c>RuntimeClass name only</c>.</param>
/// <param name="IntentSource">Where <c>kubeguard.io/confidential: required</c> was found, or null.</param>
public sealed record TeePod(Workload Workload, string? ClassName, string? Handler, TeeClassEntry? Class, string Evidence, string? IntentSource)
{
    /// <summary>The pod (template) annotations, never null.</summary>
    public IDictionary<string, string> Annotations => Workload.Pod.Metadata?.Annotations ?? Empty;

    /// <summary>The class kind (<see cref="TeeClassKind.None"/> when nothing matched).</summary>
    public TeeClassKind Kind => Class?.Kind ?? TeeClassKind.None;

    /// <summary>True when the pod carries any confidential annotation.</summary>
    public bool HasTeeAnnotation => TeeIntent.TriggerAnnotations.Any(Annotations.ContainsKey);

    /// <summary>True when a TEE-001 list class, an annotation or the intent annotation marks the pod.</summary>
    public bool IsIntended => Kind is TeeClassKind.Tee or TeeClassKind.Depends or TeeClassKind.ClaimsCoCo || HasTeeAnnotation || IntentSource is not null;

    /// <summary>JSON path of an annotation on the pod (template).</summary>
    public string AnnotationPath(string key) => $"{Workload.Pod.MetadataPath}.annotations.{key}";

    /// <summary>The annotation value, or null.</summary>
    public string? Annotation(string key) => Annotations.TryGetValue(key, out var v) ? v : null;

    /// <summary>The class for messages: <c>runtime class "x" (RuntimeClass name only)</c>.</summary>
    public string Describe() =>
        ClassName is null && Handler is null ? $"no runtime class ({Evidence})"
        : Handler is not null && Handler != ClassName ? $"runtime class \"{ClassName ?? "(none)"}\" handler \"{Handler}\" ({Evidence})"
        : $"runtime class \"{ClassName ?? Handler}\" ({Evidence})";

    private static readonly Dictionary<string, string> Empty = new(StringComparer.Ordinal);
}

/// <summary>Decides which workloads are TEE-intended (tee.md §5.1).</summary>
public static class TeeIntent
{
    /// <summary>Annotations that make a pod TEE-intended on their own.</summary>
    public static IReadOnlyList<string> TriggerAnnotations { get; } =
        [TeeAnnotations.InitData, TeeAnnotations.ObsoleteInitData, TeeAnnotations.AgentPolicy, TeeAnnotations.SandboxPolicy];

    /// <summary>Every workload of the inventory, classified with <paramref name="classes"/> (the built-in list by default).</summary>
    public static IEnumerable<TeePod> All(Inventory inventory, TeeClassList? classes = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        return inventory.Workloads.Select(w => Of(inventory, w, classes));
    }

    /// <summary>The TEE-intended workloads.</summary>
    public static IEnumerable<TeePod> Intended(Inventory inventory, TeeClassList? classes = null) => All(inventory, classes).Where(p => p.IsIntended);

    /// <summary>Classifies one workload: by handler when a RuntimeClass object or the handler annotation names one, else by name.</summary>
    public static TeePod Of(Inventory inventory, Workload workload, TeeClassList? classes = null)
    {
        ArgumentNullException.ThrowIfNull(inventory);
        ArgumentNullException.ThrowIfNull(workload);
        var name = string.IsNullOrWhiteSpace(workload.Spec.RuntimeClassName) ? null : workload.Spec.RuntimeClassName.Trim();
        var annotations = workload.Pod.Metadata?.Annotations;
        string? handler = null;
        string evidence;
        if (name is not null && inventory.Find("RuntimeClass", null, name)?.Resource is V1RuntimeClass rc && !string.IsNullOrWhiteSpace(rc.Handler))
        {
            handler = rc.Handler.Trim();
            evidence = "handler resolved from the RuntimeClass object";
        }
        else if (annotations is not null && annotations.TryGetValue(TeeAnnotations.RuntimeHandler, out var annotated) && !string.IsNullOrWhiteSpace(annotated))
        {
            handler = annotated.Trim();
            evidence = name is null ? "runtime-handler annotation only" : "RuntimeClass name and runtime-handler annotation, object not read";
        }
        else
        {
            evidence = name is null ? "no RuntimeClass" : "RuntimeClass name only";
        }

        var list = classes ?? TeeClassList.BuiltIn;
        var entry = list.Classify(handler) ?? list.Classify(name);
        return new TeePod(workload, name, handler, entry, evidence, IntentSource(inventory, workload));
    }

    private static string? IntentSource(Inventory inventory, Workload workload)
    {
        if (IsRequired(workload.Pod.Metadata?.Annotations) || IsRequired(workload.Item.Annotations))
        {
            return $"{workload.Item.Kind} {workload.Item.Name}";
        }

        return IsRequired(inventory.Find("Namespace", null, workload.Namespace)?.Annotations) ? $"Namespace {workload.Namespace}" : null;
    }

    private static bool IsRequired(IDictionary<string, string>? annotations) =>
        annotations is not null && annotations.TryGetValue(TeeAnnotations.Intent, out var v) && string.Equals(v?.Trim(), "required", StringComparison.OrdinalIgnoreCase);
}
