using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="Sysctls"/>: the minimal valid pod plus one change.</summary>
internal static class SysctlsFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(Sysctls.Id, V(0), SysctlPasses, SysctlFailures),
    ];

    /// <summary>The sysctls a version allows, newest list first.</summary>
    internal static IReadOnlySet<string> AllowedSysctls(PolicyVersion version) =>
        version >= V(37) ? Sysctls.AllowedV1_37
        : version >= V(32) ? Sysctls.AllowedV1_32
        : version >= V(29) ? Sysctls.AllowedV1_29
        : version >= V(27) ? Sysctls.AllowedV1_27
        : Sysctls.AllowedV1_0;

    private static Action<V1Pod> SetSysctls(IEnumerable<string> names) =>
        p => Context(p).Sysctls = [.. names.Select(n => new V1Sysctl { Name = n, Value = "0" })];

    private static IEnumerable<Action<V1Pod>> SysctlPasses(FixtureContext context) =>
    [
        SetSysctls(AllowedSysctls(context.Version).Order(StringComparer.Ordinal)),
    ];

    // A sysctl from outside every list, plus each one a later version allows (rejected until then).
    private static IEnumerable<Action<V1Pod>> SysctlFailures(FixtureContext context) =>
    [
        SetSysctls(["kernel.msgmax"]),
        .. Sysctls.AllowedV1_37.Except(AllowedSysctls(context.Version)).Order(StringComparer.Ordinal).Select(name => SetSysctls([name])),
    ];
}
