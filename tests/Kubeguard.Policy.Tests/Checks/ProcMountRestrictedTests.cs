using Kubeguard.Policy.Checks;
using static Kubeguard.Policy.Tests.Checks.ProcMountTests;
using static Kubeguard.Policy.Tests.Pods;

namespace Kubeguard.Policy.Tests.Checks;

public sealed class ProcMountRestrictedTests
{
    public static TheoryData<CheckCase> Cases => new()
    {
        CheckCase.Allowed("Default", "v1.35", Users(null, C("a", Proc("Default")))),
        new("Unmasked with hostUsers false is still forbidden", "v1.35", Users(false, C("a", Proc("Unmasked"))),
            "procMount", "container \"a\" must not set securityContext.procMount to \"Unmasked\""),
        new("Unmasked with hostUsers true", "latest", Users(true, C("a", Proc("Unmasked")), C("b", Proc(""))),
            "procMount", "containers \"a\", \"b\" must not set securityContext.procMount to \"\", \"Unmasked\""),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gives_the_upstream_verdict_reason_and_detail(CheckCase testCase) =>
        testCase.AssertAgainst(ProcMountRestricted.Definition);

    [Fact]
    public void Starts_at_v1_35_and_replaces_procMount()
    {
        var only = Assert.Single(ProcMountRestricted.Definition.Versions);
        Assert.Equal(PolicyVersion.Of(1, 35), only.MinimumVersion);
        Assert.Equal([ProcMount.Id], only.Overrides.ToArray());
    }
}
