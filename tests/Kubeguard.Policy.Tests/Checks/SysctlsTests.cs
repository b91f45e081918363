using k8s.Models;
using Kubeguard.Policy.Checks;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class SysctlsTests
{
    private const string Reason = "forbidden sysctls";

    private static V1PodSpec With(params string?[] names) => new()
    {
        Containers = [Pods.C("a")],
        SecurityContext = new V1PodSecurityContext { Sysctls = [.. names.Select(n => new V1Sysctl { Name = n, Value = "1" })] },
    };

    /// <summary>Every sysctl added after v1.0, with the version that allows it.</summary>
    public static TheoryData<string, int> NewlyAllowed => new()
    {
        { "net.ipv4.ip_local_reserved_ports", 27 },
        { "net.ipv4.tcp_keepalive_time", 29 },
        { "net.ipv4.tcp_fin_timeout", 29 },
        { "net.ipv4.tcp_keepalive_intvl", 29 },
        { "net.ipv4.tcp_keepalive_probes", 29 },
        { "net.ipv4.tcp_rmem", 32 },
        { "net.ipv4.tcp_wmem", 32 },
        { "net.ipv4.tcp_slow_start_after_idle", 37 },
        { "net.ipv4.tcp_notsent_lowat", 37 },
    };

    public static TheoryData<CheckCase> Cases => new()
    {
        CheckCase.Allowed("no security context", "v1.0", new V1PodSpec { Containers = [Pods.C("a")] }),
        CheckCase.Allowed("empty list", "v1.0", With()),
        CheckCase.Allowed("the v1.0 safe set", "v1.0", With("kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start")),
        new("spec order and duplicates kept, no quotes", "v1.0", With("b.x", "kernel.shm_rmid_forced", "a.y", "b.x"), Reason, "b.x, a.y, b.x"),
        new("one forbidden sysctl", "latest", With("kernel.msgmax"), Reason, "kernel.msgmax"),
        new("no slash normalisation", "latest", With("net/ipv4/tcp_syncookies"), Reason, "net/ipv4/tcp_syncookies"),
        new("no prefix matching", "latest", With("net.ipv4.tcp_syncookies.x", "net.ipv4"), Reason, "net.ipv4.tcp_syncookies.x, net.ipv4"),
        new("a sysctl without a name is an empty name", "latest", With(null, "kernel.shm_rmid_forced"), Reason, string.Empty),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(Sysctls.Definition);

    [Theory]
    [MemberData(nameof(NewlyAllowed))]
    public void Rejects_a_newly_allowed_sysctl_before_its_version_and_accepts_it_from_then(string name, int minor)
    {
        var before = CheckRunner.Run(Sysctls.Definition, PolicyVersion.Of(1, minor - 1), With(name));
        Assert.False(before.Allowed);
        Assert.Equal(Reason, before.Reason);
        Assert.Equal(name, before.Detail);

        Assert.True(CheckRunner.Run(Sysctls.Definition, PolicyVersion.Of(1, minor), With(name)).Allowed);
        Assert.True(CheckRunner.Run(Sysctls.Definition, PolicyVersion.Latest, With(name)).Allowed);
        Assert.False(CheckRunner.Run(Sysctls.Definition, PolicyVersion.Of(1, 0), With(name)).Allowed);
    }

    [Fact]
    public void The_table_covers_every_sysctl_added_after_v1_0()
    {
        var added = Sysctls.AllowedV1_37.Except(Sysctls.AllowedV1_0).Order(StringComparer.Ordinal);
        Assert.Equal(added, NewlyAllowed.Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }
}
