namespace Kubeguard.Cluster.Debug;

/// <summary>What an ephemeral debug container may do, with the meanings <c>kubectl debug --profile</c> gives them.</summary>
public enum DebugProfile
{
    /// <summary>The most capable of the others that the namespace's enforce level admits.</summary>
    Auto,

    /// <summary>Non-root, every capability dropped, no privilege escalation, <c>RuntimeDefault</c> seccomp.</summary>
    Restricted,

    /// <summary>The runtime's default capabilities, nothing added.</summary>
    Baseline,

    /// <summary>Adds <c>SYS_PTRACE</c>.</summary>
    General,

    /// <summary>Adds <c>NET_ADMIN</c> and <c>NET_RAW</c>.</summary>
    NetAdmin,

    /// <summary>Privileged.</summary>
    SysAdmin,
}
