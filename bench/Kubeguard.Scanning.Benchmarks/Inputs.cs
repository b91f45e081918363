namespace Kubeguard.Scanning.Benchmarks;

/// <summary>
/// Finds the inputs: the real upstream manifests in <c>../shared/corpus/real</c> beside the
/// repository (override with <c>KUBEGUARD_CORPUS</c>) and the bundled examples.
/// </summary>
public static class Inputs
{
    public static string Repository { get; } = FindRepository();

    public static string Corpus { get; } = Environment.GetEnvironmentVariable("KUBEGUARD_CORPUS") is { Length: > 0 } path
        ? path
        : Path.GetFullPath(Path.Combine(Repository, "..", "shared", "corpus", "real"));

    public static string SmallFile { get; } = Path.Combine(Repository, "examples", "insecure-deployment.yaml");

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kubeguard.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmarks from inside the repository");
    }
}
