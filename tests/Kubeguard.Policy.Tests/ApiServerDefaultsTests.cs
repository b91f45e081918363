using k8s.Models;

namespace Kubeguard.Policy.Tests;

public sealed class ApiServerDefaultsTests
{
    private static V1PodSpec HostNetworkSpec() => new()
    {
        HostNetwork = true,
        InitContainers = [new V1Container { Name = "i", Ports = [new V1ContainerPort { ContainerPort = 53 }] }],
        Containers =
        [
            new V1Container { Name = "a", Ports = [new V1ContainerPort { ContainerPort = 8080 }, new V1ContainerPort { ContainerPort = 9090, HostPort = 9091 }, new V1ContainerPort { ContainerPort = 7070, HostPort = 0 }] },
            new V1Container { Name = "b" },
        ],
    };

    [Fact]
    public void A_volume_without_a_source_becomes_an_empty_dir()
    {
        var spec = new V1PodSpec { Volumes = [new V1Volume { Name = "bare" }, new V1Volume { Name = "host", HostPath = new V1HostPathVolumeSource { Path = "/" } }, null!] };

        Assert.True(ApiServerDefaults.Apply(spec, isPod: false));

        Assert.NotNull(spec.Volumes[0].EmptyDir);
        Assert.Null(spec.Volumes[1].EmptyDir);
        Assert.NotNull(spec.Volumes[1].HostPath);
    }

    [Fact]
    public void Defaulting_turns_the_restricted_volume_verdict_around()
    {
        var spec = new V1PodSpec { Volumes = [new V1Volume { Name = "volume0" }] };
        var policy = new LevelVersion(Level.Restricted, PolicyVersion.Of(1, 0));
        Assert.Contains("restricted volume types (volume \"volume0\" uses restricted volume type \"unknown\")", PolicyEvaluator.Default.Evaluate(policy, null, spec).ForbiddenDetail, StringComparison.Ordinal);

        ApiServerDefaults.Apply(spec, isPod: true);

        Assert.DoesNotContain(PolicyEvaluator.Default.Evaluate(policy, null, spec).Violations, v => v.CheckId == "restrictedVolumes");
    }

    [Fact]
    public void For_a_pod_on_the_host_network_container_ports_become_host_ports()
    {
        var spec = HostNetworkSpec();

        Assert.True(ApiServerDefaults.Apply(spec, isPod: true));

        Assert.Equal(53, spec.InitContainers[0].Ports[0].HostPort);
        Assert.Equal(8080, spec.Containers[0].Ports[0].HostPort);
        Assert.Equal(9091, spec.Containers[0].Ports[1].HostPort);
        Assert.Equal(7070, spec.Containers[0].Ports[2].HostPort);
        Assert.Equal(
            "host namespaces (hostNetwork=true), hostPort (containers \"i\", \"a\" use hostPorts 53, 7070, 8080, 9091)",
            PolicyEvaluator.Default.Evaluate(new LevelVersion(Level.Baseline, PolicyVersion.Latest), null, spec).ForbiddenDetail);
    }

    [Fact]
    public void Pod_templates_keep_their_ports_since_kubernetes_1_28()
    {
        var spec = HostNetworkSpec();

        Assert.False(ApiServerDefaults.Apply(spec, isPod: false));

        Assert.Null(spec.Containers[0].Ports[0].HostPort);
        Assert.Null(spec.InitContainers[0].Ports[0].HostPort);
    }

    [Fact]
    public void Nothing_changes_without_host_network_or_without_a_spec()
    {
        var spec = HostNetworkSpec();
        spec.HostNetwork = false;
        Assert.False(ApiServerDefaults.Apply(spec, isPod: true));
        Assert.Null(spec.Containers[0].Ports[0].HostPort);
        Assert.False(ApiServerDefaults.Apply(null, isPod: true));
        Assert.False(ApiServerDefaults.Apply(new V1PodSpec { HostNetwork = true, Containers = [null!, new V1Container { Ports = [null!] }] }, isPod: true));
    }
}
