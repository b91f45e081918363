using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Kubeguard.Cluster.Analysis;
using Kubeguard.Policy;

namespace Kubeguard.Cluster.Psp;

/// <summary>
/// Maps PodSecurityPolicy objects (<c>policy/v1beta1</c>) to Pod Security levels. For each policy it
/// builds the most permissive pod the policy admits (every host namespace, capability, volume type,
/// profile and sysctl it allows, with the defaults it fills in) and judges that pod with the Pod
/// Security evaluator at every rung of the plan ladder: the first rung it passes is the level the
/// policy is equivalent to or stricter than, and the evaluator's reasons say what the stricter
/// levels would reject.
/// </summary>
public static class PodSecurityPolicyMigration
{
    private const string SeccompAllowed = "seccomp.security.alpha.kubernetes.io/allowedProfileNames";
    private const string SeccompDefault = "seccomp.security.alpha.kubernetes.io/defaultProfileName";
    private const string AppArmorAllowed = "apparmor.security.beta.kubernetes.io/allowedProfileNames";
    private const string AppArmorDefault = "apparmor.security.beta.kubernetes.io/defaultProfileName";

    /// <summary>Assesses one PodSecurityPolicy given as its JSON object.</summary>
    /// <param name="policy">The PodSecurityPolicy.</param>
    /// <param name="ladder">The plan ladder (evaluator and pinned version).</param>
    /// <param name="usage">Pods per namespace admitted by each policy name, when the cluster told.</param>
    public static PspAssessment Assess(JsonObject policy, PlanLadder ladder, IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>>? usage = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(ladder);
        var name = Text(policy["metadata"]?["name"]) ?? "(unnamed)";
        var spec = policy["spec"] as JsonObject ?? [];
        var annotations = policy["metadata"]?["annotations"] as JsonObject;
        var (metadata, pod) = MostPermissivePod(spec, annotations);

        var first = -1;
        var results = new PodSecurityResult[ladder.Candidates.Length];
        for (var i = 0; i < ladder.Candidates.Length; i++)
        {
            results[i] = ladder.Evaluator.Evaluate(ladder.Candidates[i].Evaluate, metadata, pod) with { Policy = ladder.Candidates[i].Label };
            if (first < 0 && results[i].Allowed)
            {
                first = i;
            }
        }

        var equivalent = first < 0 ? new LevelVersion(Level.Privileged, ladder.Pin) : ladder.Candidates[first].Label;
        var stricter = ImmutableArray.CreateBuilder<PodSecurityResult>();
        if (first < 0 || first > ladder.BaselineStart)
        {
            stricter.Add(results[ladder.BaselineStart]);
        }

        if (first != 0)
        {
            stricter.Add(results[0]);
        }

        var namespaces = usage?.TryGetValue(name, out var used) == true
            ? used.ToImmutableSortedDictionary(StringComparer.Ordinal)
            : ImmutableSortedDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal);
        return new PspAssessment(name, equivalent, stricter.ToImmutable(), Lost(spec, annotations), namespaces);
    }

    /// <summary>The most permissive pod <paramref name="spec"/> admits, as the API server would store it.</summary>
    internal static (V1ObjectMeta Metadata, V1PodSpec Spec) MostPermissivePod(JsonObject spec, JsonObject? annotations)
    {
        var container = new V1Container { Name = "probe", Image = "probe", SecurityContext = new V1SecurityContext() };
        var sc = container.SecurityContext;
        var pod = new V1PodSpec { Containers = [container], SecurityContext = new V1PodSecurityContext(), Volumes = [] };
        var metadata = new V1ObjectMeta { Name = "probe", Annotations = new Dictionary<string, string>() };

        sc.Privileged = Bool(spec, "privileged") ? true : null;
        pod.HostNetwork = Bool(spec, "hostNetwork") ? true : null;
        pod.HostPID = Bool(spec, "hostPID") ? true : null;
        pod.HostIPC = Bool(spec, "hostIPC") ? true : null;
        if (spec["hostPorts"] is JsonArray { Count: > 0 } ranges)
        {
            var port = (int)Math.Clamp(Long(ranges[0]?["max"]) ?? 1, 1, 65535);
            container.Ports = [new V1ContainerPort { ContainerPort = port, HostPort = port }];
        }

        var add = Strings(spec, "allowedCapabilities").Concat(Strings(spec, "defaultAddCapabilities"))
            .Select(c => c == "*" ? "SYS_ADMIN" : c).Distinct(StringComparer.Ordinal).ToList();
        var drop = Strings(spec, "requiredDropCapabilities").ToList();
        sc.Capabilities = new V1Capabilities { Add = add.Count > 0 ? add : null, Drop = drop.Count > 0 ? drop : null };

        // Without allowPrivilegeEscalation: false, a pod may leave it unset (PSP then allows it).
        sc.AllowPrivilegeEscalation = spec["allowPrivilegeEscalation"] is JsonValue ape && ape.TryGetValue<bool>(out var allowed) && !allowed ? false : null;

        var userRule = Text(spec["runAsUser"]?["rule"]);
        var userRanges = spec["runAsUser"]?["ranges"] as JsonArray;
        var nonRootRanges = userRanges is { Count: > 0 } && userRanges.All(r => (Long(r?["min"]) ?? 0) > 0);
        if (userRule == "MustRunAsNonRoot")
        {
            // The policy defaults runAsNonRoot=true on pods that set no user.
            pod.SecurityContext.RunAsNonRoot = true;
        }
        else if (userRule == "MustRunAs" && nonRootRanges)
        {
            pod.SecurityContext.RunAsUser = Long(userRanges![0]?["min"]);
            pod.SecurityContext.RunAsNonRoot = true;
        }
        else
        {
            pod.SecurityContext.RunAsUser = 0;
        }

        if (Text(spec["seLinux"]?["rule"]) == "MustRunAs")
        {
            if (spec["seLinux"]?["seLinuxOptions"] is JsonObject options)
            {
                pod.SecurityContext.SeLinuxOptions = KubernetesJson.Deserialize<V1SELinuxOptions>(options.ToJsonString());
            }
        }
        else
        {
            pod.SecurityContext.SeLinuxOptions = new V1SELinuxOptions { Type = "spc_t" };
        }

        if (Strings(spec, "allowedProcMountTypes").Contains("Unmasked"))
        {
            sc.ProcMount = "Unmasked";
        }

        if (Strings(spec, "allowedUnsafeSysctls").FirstOrDefault() is { } sysctl)
        {
            pod.SecurityContext.Sysctls = [new V1Sysctl { Name = sysctl.Replace("*", "msgmax", StringComparison.Ordinal), Value = "1" }];
        }

        foreach (var type in Strings(spec, "volumes"))
        {
            var field = type switch { "*" => "hostPath", "cephFS" => "cephfs", _ => type };
            var source = field == "hostPath" ? "{\"path\":\"/\"}" : "{}";
            pod.Volumes.Add(KubernetesJson.Deserialize<V1Volume>($"{{\"name\":\"{field.ToLowerInvariant()}\",\"{field}\":{source}}}"));
        }

        var seccompAllowed = Annotation(annotations, SeccompAllowed);
        var seccompDefault = Annotation(annotations, SeccompDefault);
        if (seccompAllowed is not null && (seccompAllowed.Contains('*', StringComparison.Ordinal) || seccompAllowed.Contains("unconfined", StringComparison.Ordinal)))
        {
            pod.SecurityContext.SeccompProfile = new V1SeccompProfile { Type = "Unconfined" };
        }
        else if (seccompDefault is "runtime/default" or "docker/default")
        {
            pod.SecurityContext.SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" };
        }
        else if (seccompDefault?.StartsWith("localhost/", StringComparison.Ordinal) == true)
        {
            pod.SecurityContext.SeccompProfile = new V1SeccompProfile { Type = "Localhost", LocalhostProfile = seccompDefault["localhost/".Length..] };
        }

        var appArmorAllowed = Annotation(annotations, AppArmorAllowed);
        if (appArmorAllowed is null || appArmorAllowed.Contains("unconfined", StringComparison.Ordinal) || appArmorAllowed.Contains('*', StringComparison.Ordinal))
        {
            metadata.Annotations["container.apparmor.security.beta.kubernetes.io/probe"] = "unconfined";
        }

        if (pod.Volumes.Count == 0)
        {
            pod.Volumes = null;
        }

        ApiServerDefaults.Apply(pod, isPod: true);
        return (metadata, pod);
    }

    private static ImmutableArray<string> Lost(JsonObject spec, JsonObject? annotations)
    {
        var lost = ImmutableArray.CreateBuilder<string>();
        void If(bool condition, string sentence)
        {
            if (condition)
            {
                lost.Add(sentence);
            }
        }

        If(Bool(spec, "readOnlyRootFilesystem"), "readOnlyRootFilesystem: Pod Security Standards do not require a read-only root filesystem.");
        If(spec["runAsUser"]?["ranges"] is JsonArray { Count: > 0 }, "runAsUser.ranges: Pod Security Standards only require a non-root user, not a UID range.");
        If(Text(spec["runAsGroup"]?["rule"]) is "MustRunAs" or "MayRunAs", "runAsGroup: Pod Security Standards do not restrict group IDs.");
        If(Text(spec["supplementalGroups"]?["rule"]) is "MustRunAs" or "MayRunAs", "supplementalGroups: Pod Security Standards do not restrict supplemental groups.");
        If(Text(spec["fsGroup"]?["rule"]) is "MustRunAs" or "MayRunAs", "fsGroup: Pod Security Standards do not restrict fsGroup.");
        If(spec["allowedHostPaths"] is JsonArray { Count: > 0 }, "allowedHostPaths: Pod Security Standards allow no hostPath at baseline and restricted, and any at privileged; path prefixes cannot be expressed.");
        If(spec["allowedFlexVolumes"] is JsonArray { Count: > 0 }, "allowedFlexVolumes: drivers cannot be listed; restricted forbids flexVolume altogether.");
        If(spec["allowedCSIDrivers"] is JsonArray { Count: > 0 }, "allowedCSIDrivers: CSI drivers cannot be listed; restricted allows every csi volume.");
        If(spec["forbiddenSysctls"] is JsonArray { Count: > 0 }, "forbiddenSysctls: Pod Security Standards allow a fixed list of safe sysctls; a deny list cannot be expressed.");
        If(spec["hostPorts"] is JsonArray { Count: > 0 }, "hostPorts ranges: baseline forbids every host port; allowing some ports needs the privileged level.");
        If(spec["defaultAddCapabilities"] is JsonArray { Count: > 0 }, "defaultAddCapabilities: Pod Security Admission never changes pods; add the capabilities in the manifests.");
        If(spec["requiredDropCapabilities"] is JsonArray { Count: > 0 }, "requiredDropCapabilities: Pod Security Admission checks but never adds drops; restricted pods must list drop: [\"ALL\"] themselves.");
        If(spec["defaultAllowPrivilegeEscalation"] is not null, "defaultAllowPrivilegeEscalation: Pod Security Admission never defaults it; restricted pods must set allowPrivilegeEscalation: false themselves.");
        If(Text(spec["runAsUser"]?["rule"]) == "MustRunAsNonRoot", "runAsUser MustRunAsNonRoot: the policy defaulted runAsNonRoot=true; Pod Security Admission does not, so restricted pods must set it.");
        If(spec["seLinux"]?["seLinuxOptions"]?["level"] is not null, "seLinux level: Pod Security Standards do not pin SELinux levels.");
        If(Annotation(annotations, SeccompDefault) is not null, "seccomp defaultProfileName: Pod Security Admission never sets a profile; restricted pods must set seccompProfile themselves.");
        If(Annotation(annotations, AppArmorDefault) is not null, "apparmor defaultProfileName: Pod Security Admission never sets a profile.");
        return lost.ToImmutable();
    }

    private static bool Bool(JsonObject spec, string key) => spec[key] is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static long? Long(JsonNode? node) =>
        node is JsonValue value && long.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number) ? number : null;

    private static IEnumerable<string> Strings(JsonObject spec, string key) =>
        spec[key] is JsonArray array ? array.Select(Text).OfType<string>() : [];

    private static string? Annotation(JsonObject? annotations, string key) => Text(annotations?[key]);
}
