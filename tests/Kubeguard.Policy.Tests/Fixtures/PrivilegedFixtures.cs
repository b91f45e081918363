using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="Privileged"/>: the minimal valid pod plus one change.</summary>
internal static class PrivilegedFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(Privileged.Id, V(0), _ =>
        [
            p => Context(Regular(p)).Privileged = false,
        ], _ =>
        [
            p => Context(Regular(p)).Privileged = true,
            p => Context(Init(p)).Privileged = true,
        ]),
    ];
}
