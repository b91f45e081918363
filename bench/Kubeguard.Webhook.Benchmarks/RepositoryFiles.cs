namespace Kubeguard.Webhook.Benchmarks;

/// <summary>Finds files of the repository (the recorded AdmissionReview requests) from wherever the benchmark runs.</summary>
internal static class RepositoryFiles
{
    public static string Admission(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kubeguard.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "fixtures", "admission", name);
            }
        }

        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Kubeguard.slnx")))
            {
                return Path.Combine(dir.FullName, "tests", "fixtures", "admission", name);
            }
        }

        throw new FileNotFoundException("run the benchmarks from inside the repository", name);
    }
}
