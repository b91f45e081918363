using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="SeccompProfileBaseline"/>: the minimal valid pod plus one change.</summary>
internal static class SeccompProfileBaselineFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(SeccompProfileBaseline.Id, V(0), _ =>
        [
            p => p.Metadata.Annotations = new Dictionary<string, string>
            {
                [SeccompProfileBaseline.PodAnnotation] = "runtime/default",
                [SeccompProfileBaseline.ContainerAnnotationPrefix + "container1"] = "localhost/profile.json",
            },
        ], _ =>
        [
            p => p.Metadata.Annotations = new Dictionary<string, string> { [SeccompProfileBaseline.PodAnnotation] = "unconfined" },
            p => p.Metadata.Annotations = new Dictionary<string, string> { [SeccompProfileBaseline.ContainerAnnotationPrefix + "container1"] = "unconfined" },
            p => p.Metadata.Annotations = new Dictionary<string, string> { [SeccompProfileBaseline.ContainerAnnotationPrefix + "initcontainer1"] = string.Empty },
        ]),
        new(SeccompProfileBaseline.Id, V(19), _ =>
        [
            p => Context(p).SeccompProfile = new V1SeccompProfile { Type = "RuntimeDefault" },
        ], _ =>
        [
            p => Context(p).SeccompProfile = new V1SeccompProfile { Type = "Unconfined" },
            p => Context(Regular(p)).SeccompProfile = new V1SeccompProfile { Type = "Unconfined" },
            p => Context(Init(p)).SeccompProfile = new V1SeccompProfile { Type = string.Empty },
        ]),
    ];
}
