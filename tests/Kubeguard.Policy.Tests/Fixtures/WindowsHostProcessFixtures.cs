using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="WindowsHostProcess"/>: the minimal valid pod plus one change.</summary>
internal static class WindowsHostProcessFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(WindowsHostProcess.Id, V(0), _ =>
        [
            p => { Context(p).WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = false }; Context(Regular(p)).WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = false }; },
        ], _ =>
        [
            p => Context(p).WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true },
            p => Context(Regular(p)).WindowsOptions = new V1WindowsSecurityContextOptions { HostProcess = true },
        ]),
    ];
}
