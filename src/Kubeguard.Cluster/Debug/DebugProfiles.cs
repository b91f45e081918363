using System.Globalization;
using k8s.Models;

namespace Kubeguard.Cluster.Debug;

/// <summary>Builds the ephemeral container of each <see cref="DebugProfile"/>, and says what it can and cannot do.</summary>
public static class DebugProfiles
{
    /// <summary>The image used when none is given: small, with a shell and the usual tools; pin it by digest with <c>--image</c>.</summary>
    public const string DefaultImage = "docker.io/library/busybox:1.37";

    /// <summary>The user a restricted debugger runs as when neither the target nor the pod names one.</summary>
    public const long DefaultNonRootUser = 65532;

    /// <summary>The concrete profiles, most capable first: the order <see cref="DebugProfile.Auto"/> tries them in.</summary>
    public static IReadOnlyList<DebugProfile> ByCapability { get; } =
        [DebugProfile.SysAdmin, DebugProfile.General, DebugProfile.NetAdmin, DebugProfile.Baseline, DebugProfile.Restricted];

    /// <summary>Parses a <c>--profile</c> value (case-insensitive).</summary>
    public static bool TryParse(string? text, out DebugProfile profile)
    {
        profile = DebugProfile.Auto;
        switch (text?.ToLowerInvariant())
        {
            case "auto": profile = DebugProfile.Auto; return true;
            case "restricted": profile = DebugProfile.Restricted; return true;
            case "baseline": profile = DebugProfile.Baseline; return true;
            case "general": profile = DebugProfile.General; return true;
            case "netadmin": profile = DebugProfile.NetAdmin; return true;
            case "sysadmin": profile = DebugProfile.SysAdmin; return true;
            default: return false;
        }
    }

    /// <summary>The wire name of a profile, as <c>--profile</c> takes it.</summary>
    public static string Name(DebugProfile profile) => profile.ToString().ToLowerInvariant();

    /// <summary>The ephemeral container of <paramref name="profile"/> (not <see cref="DebugProfile.Auto"/>).</summary>
    /// <param name="profile">What the container may do.</param>
    /// <param name="name">The container's name.</param>
    /// <param name="image">The image to run.</param>
    /// <param name="target">The container whose process namespace it joins.</param>
    /// <param name="command">The command to run; empty for the image's own.</param>
    /// <param name="user">The user a restricted container runs as.</param>
    public static V1EphemeralContainer Build(DebugProfile profile, string name, string image, string target, IReadOnlyList<string> command, long user)
    {
        var container = new V1EphemeralContainer
        {
            Name = name,
            Image = image,
            ImagePullPolicy = "IfNotPresent",
            Command = command.Count == 0 ? null : [.. command],
            Stdin = true,
            Tty = true,
            TargetContainerName = target,
        };
        container.SecurityContext = profile switch
        {
            DebugProfile.Restricted => new V1SecurityContext
            {
                RunAsNonRoot = true,
                RunAsUser = user,
                AllowPrivilegeEscalation = false,
                Capabilities = new V1Capabilities { Drop = ["ALL"] },
                SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
            },
            DebugProfile.Baseline => null,
            DebugProfile.General => new V1SecurityContext { Capabilities = new V1Capabilities { Add = ["SYS_PTRACE"] } },
            DebugProfile.NetAdmin => new V1SecurityContext { Capabilities = new V1Capabilities { Add = ["NET_ADMIN", "NET_RAW"] } },
            DebugProfile.SysAdmin => new V1SecurityContext { Privileged = true },
            _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "auto is resolved before a container is built"),
        };
        return container;
    }

    /// <summary>What a debugger of <paramref name="profile"/> can do, and what it cannot.</summary>
    public static (string Can, string Cannot) Abilities(DebugProfile profile, long user) => profile switch
    {
        DebugProfile.Restricted => (
            string.Create(CultureInfo.InvariantCulture, $"see the target's processes, and read the files of those running as uid {user} (/proc/PID/root)"),
            "gain any capability: no strace or gdb (SYS_PTRACE), no tcpdump (NET_RAW), no reading other users' files, no root"),
        DebugProfile.Baseline => (
            "see the target's processes and their files (/proc/PID/root) with the runtime's default capabilities",
            "trace processes (no SYS_PTRACE: strace, gdb) or change or capture network traffic (no NET_ADMIN, NET_RAW)"),
        DebugProfile.General => (
            "see the target's processes and trace them (SYS_PTRACE: strace, gdb)",
            "change or capture network traffic (no NET_ADMIN, NET_RAW)"),
        DebugProfile.NetAdmin => (
            "see the target's processes, capture and change the pod's network (NET_ADMIN, NET_RAW: tcpdump, ip, iptables)",
            "trace processes (no SYS_PTRACE)"),
        DebugProfile.SysAdmin => (
            "everything a privileged container can: every capability and the node's devices",
            "nothing is withheld"),
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, "auto has no abilities of its own"),
    };
}
