using k8s.Models;
using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Fixtures.Tweak;

namespace Kubeguard.Policy.Tests.Fixtures;

/// <summary>Pass and fail cases for <see cref="AppArmorProfile"/>: the minimal valid pod plus one change.</summary>
internal static class AppArmorProfileFixtures
{
    public static IReadOnlyList<FixtureGenerator> Generators { get; } =
    [
        new(AppArmorProfile.Id, V(0), _ =>
        [
            p =>
            {
                Context(p).AppArmorProfile = new V1AppArmorProfile { Type = "RuntimeDefault" };
                Context(Regular(p)).AppArmorProfile = new V1AppArmorProfile { Type = "Localhost", LocalhostProfile = "example" };
                p.Metadata.Annotations = new Dictionary<string, string> { [AppArmorProfile.AnnotationPrefix + "container1"] = "runtime/default" };
            },
        ], _ =>
        [
            p => Context(p).AppArmorProfile = new V1AppArmorProfile { Type = "Unconfined" },
            p => Context(Init(p)).AppArmorProfile = new V1AppArmorProfile { Type = string.Empty },
            p => p.Metadata.Annotations = new Dictionary<string, string> { [AppArmorProfile.AnnotationPrefix + "container1"] = "unconfined" },
        ]),
    ];
}
