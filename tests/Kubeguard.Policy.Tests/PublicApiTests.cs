using Kubeguard.Testing;
using PublicApiGenerator;

namespace Kubeguard.Policy.Tests;

/// <summary>
/// The public API of the Kubeguard.Policy package, compared with a snapshot so that any change to
/// what consumers can call is made on purpose (<c>UPDATE_GOLDEN=1</c> accepts a change).
/// </summary>
public sealed class PublicApiTests
{
    [Fact]
    public void The_public_api_of_the_policy_package_matches_its_snapshot()
    {
        var api = typeof(PolicyEvaluator).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Runtime.CompilerServices.InternalsVisibleToAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        });

        Golden.AssertMatches("api/Kubeguard.Policy.txt", api);
    }

    [Fact]
    public void The_container_helpers_of_the_checks_are_not_part_of_the_public_api()
    {
        var api = typeof(PolicyEvaluator).Assembly.GeneratePublicApi();

        Assert.DoesNotContain("ContainerView", api, StringComparison.Ordinal);
        Assert.Contains("public sealed class PolicyEvaluator", api, StringComparison.Ordinal);
    }
}
