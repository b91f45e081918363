namespace Kubeguard.Policy.Tests;

/// <summary>Levels, versions and level:version texts, parsed exactly as Pod Security Admission parses labels.</summary>
public sealed class ParsingTests
{
    public static TheoryData<string, long> ValidVersions => new()
    {
        { "v1.0", 0 },
        { "v1.8", 8 },
        { "v1.25", 25 },
        { "v1.37", 37 },
        { "v1.99", 99 },
        { "v1.10000", 10000 },
        { "v1.9223372036854775807", long.MaxValue },
    };

    [Theory]
    [MemberData(nameof(ValidVersions))]
    public void Accepts_numbered_versions(string text, long minor)
    {
        Assert.True(PolicyVersion.TryParse(text, out var version));
        Assert.False(version.IsLatest);
        Assert.Equal(minor, version.Minor);
        Assert.Equal(text, version.ToString());
        Assert.Equal(version, PolicyVersion.Parse(text));
    }

    [Fact]
    public void Accepts_latest_in_lower_case()
    {
        Assert.True(PolicyVersion.TryParse("latest", out var version));
        Assert.True(version.IsLatest);
        Assert.Equal("latest", version.ToString());
        Assert.Equal(PolicyVersion.Latest, version);
    }

    [Theory]
    [InlineData("V1.25")]
    [InlineData("v1.025")]
    [InlineData("v1.00")]
    [InlineData("v1.25.0")]
    [InlineData("1.25")]
    [InlineData("v1")]
    [InlineData("v1.")]
    [InlineData("v2.0")]
    [InlineData("v0.1")]
    [InlineData("v1.-1")]
    [InlineData("v1.+1")]
    [InlineData("v1. 1")]
    [InlineData(" v1.1")]
    [InlineData("v1.1 ")]
    [InlineData("v1.١")]
    [InlineData("Latest")]
    [InlineData("LATEST")]
    [InlineData("latest ")]
    [InlineData("")]
    [InlineData("v1.9223372036854775808")]
    [InlineData("v1.99999999999999999999")]
    public void Rejects_anything_else_with_upstreams_error(string text)
    {
        Assert.False(PolicyVersion.TryParse(text, out var fallback));
        Assert.Equal(PolicyVersion.Latest, fallback);
        var error = Assert.Throws<FormatException>(() => PolicyVersion.Parse(text));
        Assert.Contains("must be \"latest\" or \"v1.x\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_null_versions_and_levels()
    {
        Assert.False(PolicyVersion.TryParse(null, out _));
        Assert.False(Levels.TryParse(null, out _));
        Assert.False(LevelVersion.TryParse(null, out _));
    }

    [Fact]
    public void Orders_versions_numerically_with_latest_newest()
    {
        PolicyVersion[] sorted = [PolicyVersion.Of(1, 0), PolicyVersion.Of(1, 9), PolicyVersion.Of(1, 10), PolicyVersion.Of(1, 10000), PolicyVersion.Latest];
        Assert.Equal(sorted, sorted.Reverse().Order());
        Assert.True(PolicyVersion.Of(1, 9) < PolicyVersion.Of(1, 10));
        Assert.True(PolicyVersion.Latest > PolicyVersion.Of(1, long.MaxValue));
        Assert.True(PolicyVersion.Latest >= PolicyVersion.Latest);
        Assert.True(PolicyVersion.Of(1, 3) <= PolicyVersion.Of(1, 3));
    }

    [Fact]
    public void Only_major_version_1_and_non_negative_minors_exist()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyVersion.Of(2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyVersion.Of(1, -1));
    }

    [Theory]
    [InlineData("privileged", Level.Privileged)]
    [InlineData("baseline", Level.Baseline)]
    [InlineData("restricted", Level.Restricted)]
    public void Accepts_the_three_levels(string text, Level level)
    {
        Assert.True(Levels.TryParse(text, out var parsed));
        Assert.Equal(level, parsed);
        Assert.Equal(text, parsed.ToWireString());
        Assert.Equal(level, Levels.Parse(text));
    }

    [Theory]
    [InlineData("Baseline")]
    [InlineData("RESTRICTED")]
    [InlineData("privileged ")]
    [InlineData("")]
    [InlineData("default")]
    public void Rejects_other_levels_failing_closed_to_restricted(string text)
    {
        Assert.False(Levels.TryParse(text, out var fallback));
        Assert.Equal(Level.Restricted, fallback);
        var error = Assert.Throws<FormatException>(() => Levels.Parse(text));
        Assert.Contains("must be one of privileged, baseline, restricted", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("restricted:latest", Level.Restricted, "latest")]
    [InlineData("baseline:v1.25", Level.Baseline, "v1.25")]
    [InlineData("privileged:v1.0", Level.Privileged, "v1.0")]
    [InlineData("baseline", Level.Baseline, "latest")]
    public void Parses_level_version_texts(string text, Level level, string version)
    {
        Assert.True(LevelVersion.TryParse(text, out var parsed));
        Assert.Equal(new LevelVersion(level, PolicyVersion.Parse(version)), parsed);
        Assert.Equal(text.Contains(':', StringComparison.Ordinal) ? text : text + ":latest", parsed.ToString());
    }

    [Theory]
    [InlineData("restricted:")]
    [InlineData("Restricted:latest")]
    [InlineData("baseline:v1.025")]
    [InlineData("baseline:latest:x")]
    [InlineData(":latest")]
    [InlineData("")]
    public void Rejects_bad_level_version_texts(string text) =>
        Assert.False(LevelVersion.TryParse(text, out _));

    [Fact]
    public void Privileged_level_versions_are_equivalent_whatever_the_version()
    {
        var a = new LevelVersion(Level.Privileged, PolicyVersion.Of(1, 0));
        var b = new LevelVersion(Level.Privileged, PolicyVersion.Latest);
        Assert.True(a.IsEquivalentTo(b));
        Assert.False(new LevelVersion(Level.Baseline, PolicyVersion.Of(1, 37)).IsEquivalentTo(new LevelVersion(Level.Baseline, PolicyVersion.Latest)));
        Assert.True(new LevelVersion(Level.Baseline, PolicyVersion.Of(1, 3)).IsEquivalentTo(new LevelVersion(Level.Baseline, PolicyVersion.Of(1, 3))));
    }
}
