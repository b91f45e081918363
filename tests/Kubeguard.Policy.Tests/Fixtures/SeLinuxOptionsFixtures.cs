using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="SeLinuxOptions"/>: the minimal valid pod plus one change.</summary>
internal static class SeLinuxOptionsFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(SeLinuxOptions.Id, V(0), _ =>
        [
            p => Context(p).SeLinuxOptions = new V1SELinuxOptions { Type = "container_t", Level = "s0:c1,c2" },
            p => Context(Regular(p)).SeLinuxOptions = new V1SELinuxOptions { Type = "container_kvm_t" },
        ], SeLinuxFailures),
        new(SeLinuxOptions.Id, V(31), _ =>
        [
            p => Context(p).SeLinuxOptions = new V1SELinuxOptions { Type = "container_t", Level = "s0:c1,c2" },
            p => Context(Regular(p)).SeLinuxOptions = new V1SELinuxOptions { Type = "container_engine_t" },
        ], SeLinuxFailures),
    ];

    private static IEnumerable<Action<V1Pod>> SeLinuxFailures(FixtureContext context) =>
    [
        p => Context(p).SeLinuxOptions = new V1SELinuxOptions { Type = "spc_t" },
        p => Context(Regular(p)).SeLinuxOptions = new V1SELinuxOptions { Type = "bar_t" },
        p => Context(Init(p)).SeLinuxOptions = new V1SELinuxOptions { User = "root" },
        p => Context(Regular(p)).SeLinuxOptions = new V1SELinuxOptions { Role = "sysadm_r" },
        p => Context(p).SeLinuxOptions = new V1SELinuxOptions { Type = context.Version < V(31) ? "container_engine_t" : "container_runtime_t" },
    ];
}
