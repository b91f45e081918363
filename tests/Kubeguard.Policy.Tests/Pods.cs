using k8s.Models;

namespace Kubeguard.Policy.Tests;

/// <summary>Terse builders for the pods in the table tests.</summary>
internal static class Pods
{
    public static V1Container C(string name, V1SecurityContext? securityContext = null) =>
        new() { Name = name, Image = "registry.k8s.io/pause", SecurityContext = securityContext };

    public static V1EphemeralContainer E(string name, V1SecurityContext? securityContext = null) =>
        new() { Name = name, Image = "busybox", SecurityContext = securityContext };

    public static V1PodSpec Spec(params V1Container[] containers) => new() { Containers = [.. containers] };

    public static V1PodSpec Spec(IEnumerable<V1Container> init, IEnumerable<V1Container> containers, IEnumerable<V1EphemeralContainer>? ephemeral = null) =>
        new() { InitContainers = [.. init], Containers = [.. containers], EphemeralContainers = ephemeral is null ? null : [.. ephemeral] };

    public static V1ObjectMeta Annotated(params (string Key, string Value)[] annotations) =>
        new() { Name = "test", Annotations = annotations.ToDictionary(a => a.Key, a => a.Value) };
}

/// <summary>Runs one check's implementation for a version, exactly as the evaluator would pick it.</summary>
internal static class CheckRunner
{
    public static CheckResult Run(Check check, PolicyVersion version, V1PodSpec spec, V1ObjectMeta? metadata = null)
    {
        var implementation = check.Versions.LastOrDefault(v => v.MinimumVersion <= version)
            ?? throw new InvalidOperationException($"{check.Id} is not active at {version}");
        return implementation.Evaluate(metadata, spec);
    }

    public static CheckResult Run(Check check, string version, V1PodSpec spec, V1ObjectMeta? metadata = null) =>
        Run(check, PolicyVersion.Parse(version), spec, metadata);
}

/// <summary>One row of a check's table: a pod, the version, and the exact expected texts (null reason = allowed).</summary>
public sealed record CheckCase(string Name, string Version, V1PodSpec Spec, string? Reason, string? Detail, V1ObjectMeta? Metadata = null)
{
    public override string ToString() => Name;

    public static CheckCase Allowed(string name, string version, V1PodSpec spec, V1ObjectMeta? metadata = null) =>
        new(name, version, spec, null, null, metadata);

    internal void AssertAgainst(Check check)
    {
        var result = CheckRunner.Run(check, Version, Spec, Metadata);
        if (Reason is null)
        {
            Assert.True(result.Allowed, $"{Name}: expected allowed, got {result.Reason} ({result.Detail})");
            return;
        }

        Assert.False(result.Allowed, $"{Name}: expected forbidden");
        Assert.Equal(Reason, result.Reason);
        Assert.Equal(Detail, result.Detail);
    }
}
