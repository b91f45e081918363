using System.Collections.Immutable;
using k8s.Models;

namespace Kubeguard.Policy.Tests;

/// <summary>The aggregated texts, byte for byte as upstream builds them.</summary>
public sealed class PodSecurityResultTests
{
    private static readonly LevelVersion RestrictedLatest = new(Level.Restricted, PolicyVersion.Latest);

    private static V1Pod Bare(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = name, Image = "nginx" }] },
    };

    [Fact]
    public void Reproduces_the_api_servers_denial_example_byte_for_byte()
    {
        var result = PolicyEvaluator.Default.Evaluate(RestrictedLatest, Bare("x"));

        Assert.Equal(
            "pods \"x\" is forbidden: violates PodSecurity \"restricted:latest\": allowPrivilegeEscalation != false (container \"x\" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"x\" must set securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot != true (pod or container \"x\" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container \"x\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")",
            result.DenialMessage("x"));
    }

    [Fact]
    public void Builds_reasons_details_and_the_three_message_forms()
    {
        var result = PolicyEvaluator.Default.Evaluate(RestrictedLatest, Bare("app"));

        Assert.False(result.Allowed);
        Assert.Equal(["allowPrivilegeEscalation", "capabilities_restricted", "runAsNonRoot", "seccompProfile_restricted"], result.Violations.Select(v => v.CheckId));
        Assert.Equal("allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile", result.ForbiddenReason);
        Assert.StartsWith("allowPrivilegeEscalation != false (container \"app\" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (", result.ForbiddenDetail, StringComparison.Ordinal);
        Assert.Equal("violates PodSecurity \"restricted:latest\": " + result.ForbiddenDetail, result.Message);
        Assert.Equal("would violate PodSecurity \"restricted:latest\": " + result.ForbiddenDetail, result.WarningMessage);
        Assert.Equal("pods is forbidden: " + result.Message, result.DenialMessage(null));
        Assert.Equal("pods is forbidden: " + result.Message, result.DenialMessage(string.Empty));
        Assert.Equal("deployments.apps \"web\" is forbidden: " + result.Message, result.DenialMessage("web", "deployments.apps"));
    }

    [Fact]
    public void Orders_reasons_baseline_first_then_restricted()
    {
        var pod = Bare("c");
        pod.Spec.HostPID = true;
        pod.Spec.Containers[0].SecurityContext = new V1SecurityContext { Privileged = true };
        var result = PolicyEvaluator.Default.Evaluate(new LevelVersion(Level.Restricted, PolicyVersion.Of(1, 25)), pod);

        Assert.Equal(
            "violates PodSecurity \"restricted:v1.25\": host namespaces (hostPID=true), privileged (container \"c\" must not set securityContext.privileged=true), allowPrivilegeEscalation != false (container \"c\" must set securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"c\" must set securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot != true (pod or container \"c\" must set securityContext.runAsNonRoot=true), seccompProfile (pod or container \"c\" must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")",
            result.Message);
    }

    [Fact]
    public void An_allowed_result_has_empty_texts()
    {
        var result = PolicyEvaluator.Default.Evaluate(new LevelVersion(Level.Baseline, PolicyVersion.Latest), Bare("ok"));
        Assert.True(result.Allowed);
        Assert.Empty(result.Violations);
        Assert.Equal(string.Empty, result.ForbiddenReason);
        Assert.Equal(string.Empty, result.ForbiddenDetail);
        Assert.Equal(string.Empty, result.Message);
        Assert.Equal(string.Empty, result.WarningMessage);
        Assert.Equal(string.Empty, result.DenialMessage("ok"));
        Assert.True(default(PodSecurityResult).Allowed);
    }

    [Fact]
    public void An_empty_detail_shows_the_bare_reason()
    {
        var result = new PodSecurityResult(RestrictedLatest, [new CheckViolation("a", "first", string.Empty), new CheckViolation("b", "second", "why")]);
        Assert.Equal("first, second (why)", result.ForbiddenDetail);
        Assert.Equal("first, second", result.ForbiddenReason);
        Assert.Equal("first", result.Violations[0].ToString());
        Assert.Equal("second (why)", result.Violations[1].ToString());
    }

    [Fact]
    public void Names_in_the_denial_are_go_quoted()
    {
        var result = new PodSecurityResult(RestrictedLatest, ImmutableArray.Create(new CheckViolation("a", "r", "d")));
        Assert.Equal("pods \"we\\\"ird\\n\" is forbidden: violates PodSecurity \"restricted:latest\": r (d)", result.DenialMessage("we\"ird\n"));
    }
}
