using Xunit.Sdk;

namespace Kubeguard.Testing;

/// <summary>
/// Golden-file assertions over <c>tests/fixtures/golden</c>. <c>UPDATE_GOLDEN=1</c> rewrites the
/// expected files; otherwise a mismatch (or a missing file) leaves <c>*.received.*</c> beside the
/// expected file to diff, and fails.
/// </summary>
public static class Golden
{
    /// <summary><c>tests/fixtures/golden</c>.</summary>
    public static string Root { get; } = Path.Combine(RepositoryPaths.Fixtures, "golden");

    /// <summary>True when <c>UPDATE_GOLDEN=1</c>.</summary>
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    /// <summary>Asserts <paramref name="actual"/> equals the golden file at <paramref name="relativePath"/> under <see cref="Root"/>.</summary>
    public static void AssertMatches(string relativePath, string actual)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        AssertFileMatches(Path.Combine(Root, relativePath), actual);
    }

    /// <summary>Asserts <paramref name="actual"/> equals the golden file at <paramref name="expectedPath"/>.</summary>
    public static void AssertFileMatches(string expectedPath, string actual)
    {
        ArgumentNullException.ThrowIfNull(expectedPath);
        ArgumentNullException.ThrowIfNull(actual);
        var relativePath = Path.GetRelativePath(RepositoryPaths.Root, expectedPath);
        var receivedPath = ReceivedPath(expectedPath);
        actual = actual.ReplaceLineEndings("\n");
        if (Updating)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            File.WriteAllText(expectedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(expectedPath))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(expectedPath)!);
            File.WriteAllText(receivedPath, actual);
            throw new XunitException($"golden file {relativePath} is missing; wrote {Path.GetFileName(receivedPath)} (run with UPDATE_GOLDEN=1 to accept)");
        }

        var expected = File.ReadAllText(expectedPath).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            File.WriteAllText(receivedPath, actual);
            throw new XunitException($"output differs from golden file {relativePath}; see {Path.GetFileName(receivedPath)} (run with UPDATE_GOLDEN=1 to accept)\n{FirstDifference(expected, actual)}");
        }

        File.Delete(receivedPath);
    }

    /// <summary>
    /// Asserts the golden files under <paramref name="folder"/> are exactly <paramref name="expectedNames"/>:
    /// a stale file left behind fails as surely as a missing one.
    /// </summary>
    /// <param name="folder">Folder under the golden root.</param>
    /// <param name="expectedNames">File names expected.</param>
    /// <param name="prefix">Only files starting with this prefix are compared (a folder shared by several owners).</param>
    public static void AssertExactSet(string folder, IEnumerable<string> expectedNames, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(expectedNames);
        var directory = Path.Combine(Root, folder);
        var onDisk = Directory.Exists(directory)
            ? Directory.EnumerateFiles(directory).Select(Path.GetFileName).Where(n => !n!.Contains(".received.", StringComparison.Ordinal) && n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList()
            : [];
        var expected = expectedNames.Order(StringComparer.Ordinal).ToList();
        var missing = expected.Except(onDisk).ToList();
        var extra = onDisk.Except(expected).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            throw new XunitException($"golden/{folder}: missing [{string.Join(", ", missing)}], extra [{string.Join(", ", extra)}]");
        }
    }

    /// <summary><c>a/b.yaml</c> becomes <c>a/b.received.yaml</c>.</summary>
    public static string ReceivedPath(string expectedPath)
    {
        var extension = Path.GetExtension(expectedPath);
        return expectedPath[..^extension.Length] + ".received" + extension;
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end>";
            var al = i < a.Length ? a[i] : "<end>";
            if (el != al)
            {
                return $"line {i + 1}:\n  expected: {el}\n  actual:   {al}";
            }
        }

        return string.Empty;
    }
}
