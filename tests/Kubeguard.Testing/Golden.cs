namespace Kubeguard.Testing;

/// <summary>
/// Compares text with a committed golden file. On a mismatch it writes <c>name.received.ext</c>
/// beside the golden file and fails; with <c>UPDATE_GOLDEN=1</c> it rewrites the golden file.
/// </summary>
public static class Golden
{
    /// <summary>Compares <paramref name="actual"/> with <c>tests/fixtures/golden/<paramref name="relativePath"/></c>.</summary>
    public static void AssertMatches(string relativePath, string actual) =>
        AssertFileMatches(Path.Combine(Fixtures.Root, "golden", relativePath), actual);

    /// <summary>Compares <paramref name="actual"/> with the file at <paramref name="path"/>.</summary>
    public static void AssertFileMatches(string path, string actual)
    {
        ArgumentNullException.ThrowIfNull(actual);
        var expected = File.Exists(path) ? File.ReadAllText(path) : null;
        var received = ReceivedPath(path);
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        if (Fixtures.UpdateRequested)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            File.Delete(received);
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(received, actual);
        Assert.Fail($"{Path.GetRelativePath(Fixtures.RepositoryRoot, path)} differs from its golden file "
            + (expected is null ? "(missing)" : string.Empty)
            + $"; diff it with {Path.GetRelativePath(Fixtures.RepositoryRoot, received)}, or rerun with UPDATE_GOLDEN=1 and review the change.");
    }

    /// <summary><c>a/b.yaml</c> → <c>a/b.received.yaml</c>.</summary>
    public static string ReceivedPath(string path) => Path.ChangeExtension(path, ".received" + Path.GetExtension(path));
}
