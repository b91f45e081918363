using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Fix;

/// <summary>One input of <c>kubeguard fix</c>: a file (with its path relative to the argument) or stdin.</summary>
/// <param name="Display">Name shown in reports and diffs.</param>
/// <param name="FullPath">Absolute path; empty for stdin.</param>
/// <param name="Relative">Path under <c>--output-dir</c>.</param>
/// <param name="IsStdin">True for <c>-</c>.</param>
internal sealed record FixInput(string Display, string FullPath, string Relative, bool IsStdin);

/// <summary>Expands the command's paths with the shared manifest loader: folders are searched for *.yaml and *.yml.</summary>
internal static class FixInputs
{
    /// <summary>The shared loader's file discovery, limited to YAML (JSON manifests are flow style, which is never edited).</summary>
    private static readonly ManifestLoader Loader = new(new ManifestLoaderOptions
    {
        Extensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".yaml", ".yml" },
    });

    public static List<FixInput> Discover(IReadOnlyList<string> paths, string baseDirectory, TextWriter errors, out int missing)
    {
        missing = 0;
        var inputs = new List<FixInput>();
        foreach (var path in paths)
        {
            if (path == ManifestLoader.StandardInputPath)
            {
                inputs.Add(new FixInput("stdin", string.Empty, "stdin.yaml", IsStdin: true));
                continue;
            }

            var full = Path.GetFullPath(Path.Combine(baseDirectory, path));
            if (ManifestLoader.MissingPaths([full]).Count > 0)
            {
                errors.WriteLine($"kubeguard: {path}: no such file or folder");
                missing++;
                continue;
            }

            var folder = Directory.Exists(full);
            foreach (var file in Loader.ExpandPaths([full]))
            {
                var relative = folder ? Path.GetRelativePath(full, file) : Path.GetFileName(file);
                inputs.Add(new FixInput(Display(baseDirectory, file), Path.GetFullPath(file), relative, IsStdin: false));
            }
        }

        return inputs;
    }

    /// <summary>The path relative to the base folder when it lies inside it (as diffs need), else absolute.</summary>
    private static string Display(string baseDirectory, string file)
    {
        var relative = Path.GetRelativePath(baseDirectory, Path.GetFullPath(file));
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? Path.GetFullPath(file) : relative).Replace('\\', '/');
    }
}
