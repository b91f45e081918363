using System.CommandLine;
using Kubeguard.Reporting;
using Kubeguard.Scanning;
using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Cli.Commands;

/// <summary><c>kubeguard scan</c>: manifests in, Pod Security verdicts out.</summary>
internal static class ScanCommand
{
    private const int ProgressThreshold = 50;

    public static Command Create()
    {
        var command = new Command("scan", """
            Check Kubernetes manifests against a Pod Security Standards level, as the API server would.

            Checks beyond Pod Security (supply chain, workload identity, network exposure, encryption in transit, RBAC)
            run in the same pass and are reported beside the verdicts; see kubeguard checks, --checks, --no-beyond-pss.

            Exit codes: 0 every workload is allowed and no check found anything; 1 violations or findings; 2 usage error (bad option, missing path);
            3 some input could not be read (the rest was still scanned; takes precedence over 1); 70 internal error.
            """)
        {
            ScanOptionsCli.Paths, ScanOptionsCli.Level, ScanOptionsCli.Version, ScanOptionsCli.NamespaceLabels,
            ScanOptionsCli.DefaultNamespace, ScanOptionsCli.KubernetesVersion, ScanOptionsCli.Format, ScanOptionsCli.Output,
            ScanOptionsCli.Severity, ScanOptionsCli.HidePassed,
        };
        foreach (var option in BeyondPssOptionsCli.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, ct) => RunAsync(
            ScanOptionsCli.ToRequest(parse),
            ConsoleEnvironment.For(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error),
            ct));
        return command;
    }

    internal static async Task<int> RunAsync(ScanRequest request, ConsoleEnvironment console, CancellationToken ct)
    {
        if (ManifestLoader.MissingPaths(request.Paths) is { Count: > 0 } missing)
        {
            await console.Error.WriteLineAsync($"kubeguard scan: no such file or directory: {string.Join(", ", missing)}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var progress = console.ErrorIsTerminal ? Progress(console.Error) : null;
        var manifests = new ManifestLoader().Load(request.Paths, console.In, progress);
        ct.ThrowIfCancellationRequested();
        var report = Scanner.Scan(manifests, request.Options);
        if (request.Checks is { } checks)
        {
            // Checks beyond Pod Security, reported beside the PSS verdicts (which they never change).
            report = BeyondPodSecurity.AddTo(report, manifests, checks);
        }

        var toFile = request.OutputFile is not null;
        var format = request.Format ?? (console.OutIsTerminal && !toFile ? ReportFormat.Table : ReportFormat.Json);
        var writerOptions = new ReportWriterOptions
        {
            Color = !toFile && ReportWriters.ShouldUseColor(console.OutIsTerminal, console.Variable),
            ShowPassed = !request.HidePassed,
        };
        var text = Render(report, format, writerOptions);
        if (request.OutputFile is { } file)
        {
            await File.WriteAllTextAsync(file, text, ct).ConfigureAwait(false);
            await console.Error.WriteLineAsync($"kubeguard scan: wrote {format.ToString().ToLowerInvariant()} report to {file}: {Outcome(report)}").ConfigureAwait(false);
        }
        else
        {
            await console.Out.WriteAsync(text).ConfigureAwait(false);
        }

        return report.HasErrors ? ExitCodes.InputError : report.AllPassed ? ExitCodes.Success : ExitCodes.Findings;
    }

    private static string Render(Report report, ReportFormat format, ReportWriterOptions options)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        ReportWriters.For(format, options).Write(report, writer);
        return writer.ToString();
    }

    private static string Outcome(Report report)
    {
        var s = report.Summary;
        return $"{s.Targets} workloads, {s.Failed} with violations, {s.Errors} input errors";
    }

    private static Action<int, int> Progress(TextWriter error) => (done, total) =>
    {
        if (total < ProgressThreshold)
        {
            return;
        }

        error.Write(done == total ? "\r\u001b[K" : $"\rscanning {done}/{total} files");
    };
}
