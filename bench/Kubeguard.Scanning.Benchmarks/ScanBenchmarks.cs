using BenchmarkDotNet.Attributes;
using Kubeguard.Reporting;
using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Scanning.Benchmarks;

/// <summary>
/// End-to-end throughput of <c>kubeguard scan</c> without process start: reading and parsing the
/// whole real corpus (526 files, 1,354 documents, 278 pod-bearing objects judged), judging it,
/// and rendering the reports; and the same for one small file.
/// </summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    private ManifestSet _corpus = null!;
    private Report _report = null!;

    [GlobalSetup]
    public void Setup()
    {
        if (!Directory.Exists(Inputs.Corpus))
        {
            throw new InvalidOperationException($"corpus not found at {Inputs.Corpus} (set KUBEGUARD_CORPUS)");
        }

        _corpus = new ManifestLoader().Load([Inputs.Corpus]);
        _report = Scanner.Scan(_corpus);
    }

    [Benchmark(Description = "corpus: load")]
    public int LoadCorpus() => new ManifestLoader().Load([Inputs.Corpus]).Documents.Length;

    [Benchmark(Description = "corpus: judge (loaded)")]
    public int JudgeCorpus() => Scanner.Scan(_corpus).Targets.Length;

    [Benchmark(Description = "corpus: load + judge + json", Baseline = true)]
    public int LoadScanRenderCorpus()
    {
        var report = Scanner.Scan(new ManifestLoader().Load([Inputs.Corpus]));
        using var writer = new StringWriter();
        ReportWriters.For(ReportFormat.Json).Write(report, writer);
        return writer.GetStringBuilder().Length;
    }

    [Benchmark(Description = "corpus: render sarif")]
    public int RenderSarif()
    {
        using var writer = new StringWriter();
        ReportWriters.For(ReportFormat.Sarif).Write(_report, writer);
        return writer.GetStringBuilder().Length;
    }

    [Benchmark(Description = "small file: load + judge + table")]
    public int SmallFile()
    {
        var report = Scanner.Scan(new ManifestLoader().Load([Inputs.SmallFile]));
        using var writer = new StringWriter();
        ReportWriters.For(ReportFormat.Table).Write(report, writer);
        return writer.GetStringBuilder().Length;
    }
}
