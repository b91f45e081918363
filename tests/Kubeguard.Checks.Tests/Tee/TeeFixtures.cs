using System.IO.Compression;
using System.Text;
using Kubeguard.Testing;

namespace Kubeguard.Checks.Tests.Tee;

/// <summary>
/// The TEE fixtures: tests/fixtures/tee/&lt;check-id&gt;/{fire,dont-fire}/&lt;scenario&gt;.yaml. Init-data
/// is written as TOML beside the fixture (<c>&lt;scenario&gt;.initdata.toml</c>, or the base's) and
/// encoded here with gzip and base64 into the <c>${INITDATA}</c> placeholder, so the YAML and the
/// TOML cannot drift. <c>${POLICY}</c> is the base64 of agent-policy.rego, <c>${NOTREGO}</c> of not-rego.txt.
/// </summary>
public static class TeeFixtures
{
    public static string Root { get; } = Path.Combine(Fixtures.Root, "tee");

    /// <summary>gzip then base64, as <c>gzip | base64 -w0</c> does.</summary>
    public static string EncodeInitData(string toml)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(toml));
        }

        return Convert.ToBase64String(output.ToArray());
    }

    /// <summary>The fixture text with its placeholders filled in.</summary>
    public static string Load(string path)
    {
        var text = File.ReadAllText(path);
        var scenarioToml = Path.ChangeExtension(path, null) + ".initdata.toml";
        var toml = File.Exists(scenarioToml) ? scenarioToml : Path.Combine(Root, "base.initdata.toml");
        return text
            .Replace("${INITDATA}", EncodeInitData(File.ReadAllText(toml)), StringComparison.Ordinal)
            .Replace("${POLICY}", Base64(Path.Combine(Root, "agent-policy.rego")), StringComparison.Ordinal)
            .Replace("${NOTREGO}", Base64(Path.Combine(Root, "not-rego.txt")), StringComparison.Ordinal);
    }

    /// <summary>Every fixture, relative to <see cref="Root"/>.</summary>
    public static IEnumerable<string> All() =>
        Directory.EnumerateFiles(Root, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Where(f => f.StartsWith("tee-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>Reads a fixture into an inventory; fails the test on unreadable YAML.</summary>
    public static Inventory Inventory(string text, string name)
    {
        var (objects, errors) = ManifestReader.Read(text, name);
        Assert.Empty(errors);
        return Checks.Inventory.From(objects);
    }

    /// <summary>
    /// Replaces the <c># expect:</c> lines of a fixture with <paramref name="expectations"/>, placed
    /// where the first one was (or after the leading comment lines); everything else is kept byte for byte.
    /// </summary>
    public static void RewriteExpectations(string path, IEnumerable<string> expectations)
    {
        const string Prefix = "# expect:";
        var lines = File.ReadAllText(path).Split('\n').ToList();
        var at = lines.FindIndex(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        if (at < 0)
        {
            at = lines.TakeWhile(l => l.StartsWith('#')).Count();
            at = Math.Min(at, 1);
        }

        lines.RemoveAll(l => l.StartsWith(Prefix, StringComparison.Ordinal));
        lines.InsertRange(at, expectations.Select(e => $"{Prefix} {e}"));
        File.WriteAllText(path, string.Join('\n', lines));
    }

    private static string Base64(string file) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Join('\n', File.ReadAllLines(file).Where(l => !l.StartsWith('#')))));
}
