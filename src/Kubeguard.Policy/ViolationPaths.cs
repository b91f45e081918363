using k8s.Models;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Policy;

/// <summary>
/// Points a failed check at the fields that make it fail, as JSON paths relative to the pod
/// (<c>spec.containers[1].securityContext.privileged</c>, <c>metadata.annotations['…']</c>), so
/// editors and code-scanning UIs can show the line. The verdicts are never re-derived here: a field
/// is blamed when the check's own implementation says so, either because clearing a pod-level
/// field changes the check's result, or because a container alone (with the pod-level settings)
/// fails the check. This file only knows where each check's fields live.
/// </summary>
public static class ViolationPaths
{
    private const string Pod = "spec.securityContext";

    /// <summary>
    /// The paths that make <paramref name="checkId"/> fail for this pod at <paramref name="version"/>
    /// (an effective, numbered version), in pod order; empty when the check passes. A path may name a
    /// field that is absent (e.g. a missing <c>runAsNonRoot</c>): the place to set it.
    /// </summary>
    /// <remarks>Evaluates the check several times on <paramref name="spec"/>, temporarily changing
    /// and then restoring it: do not share the spec with other threads during the call.</remarks>
    public static IReadOnlyList<string> Find(string checkId, PolicyVersion version, V1ObjectMeta? metadata, V1PodSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var evaluate = CheckCatalog.Find(checkId) is { } check ? Active(check, version) : null;
        if (evaluate is null)
        {
            return [];
        }

        var full = evaluate(metadata, spec);
        if (full.Allowed)
        {
            return [];
        }

        var paths = new List<string>();
        foreach (var (path, clear) in PodFields(checkId, metadata, spec))
        {
            var restore = clear();
            try
            {
                if (evaluate(metadata, spec) != full)
                {
                    paths.Add(path);
                }
            }
            finally
            {
                restore();
            }
        }

        if (ContainerField(checkId) is { } field)
        {
            paths.AddRange(ContainerPaths(evaluate, metadata, spec, field));
        }

        if (paths.Count == 0)
        {
            paths.Add("spec");
        }

        return paths;
    }

    private static CheckPod? Active(Check check, PolicyVersion version)
    {
        CheckPod? active = null;
        foreach (var candidate in check.Versions)
        {
            if (candidate.MinimumVersion <= version)
            {
                active = candidate.Evaluate;
            }
        }

        return active;
    }

    private static List<string> ContainerPaths(CheckPod evaluate, V1ObjectMeta? metadata, V1PodSpec spec, Func<ContainerView, string> field)
    {
        var paths = new List<string>();
        var (init, regular, ephemeral) = (spec.InitContainers, spec.Containers, spec.EphemeralContainers);
        try
        {
            (spec.InitContainers, spec.Containers, spec.EphemeralContainers) = ([], [], []);
            var podOnly = evaluate(metadata, spec);
            var views = new List<ContainerView>();
            foreach (var view in new V1PodSpec { InitContainers = init, Containers = regular, EphemeralContainers = ephemeral }.AllContainers())
            {
                views.Add(view);
            }

            foreach (var view in views)
            {
                spec.InitContainers = view.Kind == ContainerKind.Init ? [init![view.Index]] : [];
                spec.Containers = view.Kind == ContainerKind.Regular ? [regular![view.Index]] : [];
                spec.EphemeralContainers = view.Kind == ContainerKind.Ephemeral ? [ephemeral![view.Index]] : [];
                var alone = evaluate(metadata, spec);
                if (!alone.Allowed && (podOnly.Allowed || alone != podOnly))
                {
                    paths.Add("spec." + view.Path + field(view));
                }
            }
        }
        finally
        {
            (spec.InitContainers, spec.Containers, spec.EphemeralContainers) = (init, regular, ephemeral);
        }

        return paths;
    }

    private static Func<ContainerView, string>? ContainerField(string checkId) => checkId switch
    {
        AllowPrivilegeEscalation.Id => _ => ".securityContext.allowPrivilegeEscalation",
        AppArmorProfile.Id => _ => ".securityContext.appArmorProfile",
        CapabilitiesBaseline.Id => _ => ".securityContext.capabilities.add",
        CapabilitiesRestricted.Id => c => c.SecurityContext?.Capabilities?.Add?.Any(a => a != "NET_BIND_SERVICE") == true
            ? ".securityContext.capabilities.add"
            : ".securityContext.capabilities.drop",
        HostPorts.Id => HostPortField,
        HostProbesAndHostLifecycle.Id => HostHandlerField,
        Privileged.Id => _ => ".securityContext.privileged",
        ProcMount.Id or ProcMountRestricted.Id => _ => ".securityContext.procMount",
        RunAsNonRoot.Id => _ => ".securityContext.runAsNonRoot",
        RunAsUser.Id => _ => ".securityContext.runAsUser",
        SeLinuxOptions.Id => _ => ".securityContext.seLinuxOptions",
        SeccompProfileBaseline.Id or SeccompProfileRestricted.Id => _ => ".securityContext.seccompProfile",
        WindowsHostProcess.Id => _ => ".securityContext.windowsOptions.hostProcess",
        _ => null,
    };

    private static string HostPortField(ContainerView container)
    {
        var ports = container.Ports ?? [];
        for (var i = 0; i < ports.Count; i++)
        {
            if ((ports[i]?.HostPort ?? 0) != 0)
            {
                return $".ports[{i}].hostPort";
            }
        }

        return ".ports";
    }

    private static string HostHandlerField(ContainerView c)
    {
        (string Path, string? Host)[] handlers =
        [
            (".livenessProbe.httpGet.host", c.LivenessProbe?.HttpGet?.Host),
            (".livenessProbe.tcpSocket.host", c.LivenessProbe?.TcpSocket?.Host),
            (".readinessProbe.httpGet.host", c.ReadinessProbe?.HttpGet?.Host),
            (".readinessProbe.tcpSocket.host", c.ReadinessProbe?.TcpSocket?.Host),
            (".startupProbe.httpGet.host", c.StartupProbe?.HttpGet?.Host),
            (".startupProbe.tcpSocket.host", c.StartupProbe?.TcpSocket?.Host),
            (".lifecycle.postStart.httpGet.host", c.Lifecycle?.PostStart?.HttpGet?.Host),
            (".lifecycle.postStart.tcpSocket.host", c.Lifecycle?.PostStart?.TcpSocket?.Host),
            (".lifecycle.preStop.httpGet.host", c.Lifecycle?.PreStop?.HttpGet?.Host),
            (".lifecycle.preStop.tcpSocket.host", c.Lifecycle?.PreStop?.TcpSocket?.Host),
        ];
        return handlers.FirstOrDefault(h => !string.IsNullOrEmpty(h.Host)).Path ?? string.Empty;
    }

    /// <summary>Pod-level fields of a check, each with a way to clear it that returns its undo.</summary>
    private static IEnumerable<(string Path, Func<Action> Clear)> PodFields(string checkId, V1ObjectMeta? metadata, V1PodSpec spec)
    {
        var sc = spec.SecurityContext;
        switch (checkId)
        {
            case HostNamespaces.Id:
                if (spec.HostNetwork is not null)
                {
                    yield return ("spec.hostNetwork", Swap(() => spec.HostNetwork, v => spec.HostNetwork = v));
                }

                if (spec.HostPID is not null)
                {
                    yield return ("spec.hostPID", Swap(() => spec.HostPID, v => spec.HostPID = v));
                }

                if (spec.HostIPC is not null)
                {
                    yield return ("spec.hostIPC", Swap(() => spec.HostIPC, v => spec.HostIPC = v));
                }

                break;
            case HostPathVolumes.Id or RestrictedVolumes.Id:
                for (var i = 0; i < (spec.Volumes?.Count ?? 0); i++)
                {
                    var index = i;
                    var volume = spec.Volumes![i];
                    if (volume is not null && !RestrictedVolumes.IsAllowed(volume))
                    {
                        yield return ($"spec.volumes[{index}].{RestrictedVolumes.ForbiddenType(volume)}", () =>
                        {
                            spec.Volumes[index] = new V1Volume { Name = volume.Name, EmptyDir = new V1EmptyDirVolumeSource() };
                            return () => spec.Volumes[index] = volume;
                        });
                    }
                }

                break;
            case Sysctls.Id:
                for (var i = 0; i < (sc?.Sysctls?.Count ?? 0); i++)
                {
                    var index = i;
                    var sysctl = sc!.Sysctls[i];
                    yield return ($"{Pod}.sysctls[{index}].name", () =>
                    {
                        sc.Sysctls[index] = new V1Sysctl { Name = "kernel.shm_rmid_forced", Value = "0" };
                        return () => sc.Sysctls[index] = sysctl;
                    });
                }

                break;
            case RunAsNonRoot.Id when sc?.RunAsNonRoot is not null:
                yield return ($"{Pod}.runAsNonRoot", Swap(() => sc.RunAsNonRoot, v => sc.RunAsNonRoot = v));
                break;
            case RunAsUser.Id when sc?.RunAsUser is not null:
                yield return ($"{Pod}.runAsUser", Swap(() => sc.RunAsUser, v => sc.RunAsUser = v));
                break;
            case SeLinuxOptions.Id when sc?.SeLinuxOptions is not null:
                yield return ($"{Pod}.seLinuxOptions", Swap(() => sc.SeLinuxOptions, v => sc.SeLinuxOptions = v));
                break;
            case SeccompProfileBaseline.Id or SeccompProfileRestricted.Id when sc?.SeccompProfile is not null:
                yield return ($"{Pod}.seccompProfile", Swap(() => sc.SeccompProfile, v => sc.SeccompProfile = v));
                break;
            case WindowsHostProcess.Id when sc?.WindowsOptions?.HostProcess is not null:
                yield return ($"{Pod}.windowsOptions.hostProcess", Swap(() => sc.WindowsOptions.HostProcess, v => sc.WindowsOptions.HostProcess = v));
                break;
            case AppArmorProfile.Id:
                if (sc?.AppArmorProfile is not null)
                {
                    yield return ($"{Pod}.appArmorProfile", Swap(() => sc.AppArmorProfile, v => sc.AppArmorProfile = v));
                }

                foreach (var key in metadata?.Annotations?.Keys.Order(StringComparer.Ordinal).ToList() ?? [])
                {
                    var annotations = metadata!.Annotations;
                    var value = annotations[key];
                    yield return ($"metadata.annotations['{key}']", () =>
                    {
                        annotations.Remove(key);
                        return () => annotations[key] = value;
                    });
                }

                break;
        }
    }

    private static Func<Action> Swap<T>(Func<T> get, Action<T?> set) => () =>
    {
        var saved = get();
        set(default);
        return () => set(saved);
    };
}
