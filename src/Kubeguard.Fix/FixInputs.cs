namespace Kubeguard.Fix;

/// <summary>One input of <c>kubeguard fix</c>: a file (with its path relative to the argument) or stdin.</summary>
/// <param name="Display">Name shown in reports and diffs.</param>
/// <param name="FullPath">Absolute path; empty for stdin.</param>
/// <param name="Relative">Path under <c>--output-dir</c>.</param>
/// <param name="IsStdin">True for <c>-</c>.</param>
internal sealed record FixInput(string Display, string FullPath, string Relative, bool IsStdin);

/// <summary>Expands the command's paths: folders are searched for *.yaml and *.yml, in ordinal order.</summary>
internal static class FixInputs
{
    public static List<FixInput> Discover(IReadOnlyList<string> paths, TextWriter errors, out int missing)
    {
        missing = 0;
        var inputs = new List<FixInput>();
        foreach (var path in paths)
        {
            if (path == "-")
            {
                inputs.Add(new FixInput("stdin", string.Empty, "stdin.yaml", IsStdin: true));
            }
            else if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    var relative = Path.GetRelativePath(path, file);
                    inputs.Add(new FixInput(Normalize(Path.GetRelativePath(".", file)), Path.GetFullPath(file), relative, IsStdin: false));
                }
            }
            else if (File.Exists(path))
            {
                inputs.Add(new FixInput(Normalize(Path.GetRelativePath(".", path)), Path.GetFullPath(path), Path.GetFileName(path), IsStdin: false));
            }
            else
            {
                errors.WriteLine($"kubeguard: {path}: no such file or folder");
                missing++;
            }
        }

        return inputs;
    }

    private static string Normalize(string path) => path.Replace('\\', '/');
}
