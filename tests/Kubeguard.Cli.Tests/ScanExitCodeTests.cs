using Kubeguard.Cli.Commands;
using Kubeguard.Reporting;

namespace Kubeguard.Cli.Tests;

public sealed class ScanExitCodeTests
{
    private static Report With(params Finding[] findings) => new(
        ToolInfo.Kubeguard,
        [],
        [new Target("deployment/app", findings.Length == 0, [.. findings])],
        []);

    [Fact]
    public void A_pod_security_violation_fails_whatever_its_severity()
    {
        var report = With(new Finding("seccompProfile_restricted", Severity.Low, "seccompProfile", "pod or container \"app\" must set ..."));

        Assert.True(ScanCommand.Fails(report, Severity.Critical));
    }

    [Fact]
    public void A_pod_security_violation_set_to_none_does_not_fail()
    {
        var report = With(new Finding("seccompProfile_restricted", Severity.None, "seccompProfile", "ignored by the user"));

        Assert.False(ScanCommand.Fails(report, Severity.Low));
    }

    [Theory]
    [InlineData(Severity.Low, Severity.Medium, false)]
    [InlineData(Severity.Medium, Severity.Medium, true)]
    [InlineData(Severity.High, Severity.Medium, true)]
    [InlineData(Severity.Low, Severity.Low, true)]
    [InlineData(Severity.Critical, Severity.Critical, true)]
    [InlineData(Severity.High, Severity.Critical, false)]
    public void Other_findings_fail_from_the_threshold_on(Severity severity, Severity failOn, bool fails)
    {
        var report = With(new Finding("image-not-pinned-by-digest", severity, "Image not pinned by digest", "image nginx:1.27 is not pinned"));

        Assert.Equal(fails, ScanCommand.Fails(report, failOn));
    }

    [Fact]
    public void No_findings_pass()
    {
        Assert.False(ScanCommand.Fails(With(), Severity.Info));
    }
}
