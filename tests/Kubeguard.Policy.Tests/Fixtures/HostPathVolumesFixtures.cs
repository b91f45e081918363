using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="HostPathVolumes"/>: the minimal valid pod plus one change.</summary>
internal static class HostPathVolumesFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(HostPathVolumes.Id, V(0), _ =>
        [
            p => p.Spec.Volumes = [new V1Volume { Name = "volume-emptydir", EmptyDir = new V1EmptyDirVolumeSource() }],
        ], _ =>
        [
            p => p.Spec.Volumes = [new V1Volume { Name = "volume-hostpath", HostPath = new V1HostPathVolumeSource { Path = "/a" } }],
            p => p.Spec.Volumes =
            [
                new V1Volume { Name = "volume-hostpath-a", HostPath = new V1HostPathVolumeSource { Path = "/a" } },
                new V1Volume { Name = "volume-hostpath-b", HostPath = new V1HostPathVolumeSource { Path = "/b" } },
            ],
        ]),
    ];
}
