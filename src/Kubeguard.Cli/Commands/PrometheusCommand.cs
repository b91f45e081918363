using System.CommandLine;
using System.Security.Cryptography;
using Kubeguard.PromAudit;
using Kubeguard.PromAudit.Http;

namespace Kubeguard.Cli.Commands;

/// <summary><c>kubeguard prometheus URL</c>: audit a Prometheus server the way an attacker would, read-only.</summary>
internal static class PrometheusCommand
{
    private static readonly Argument<string> Url = new("url") { Description = "Base URL of the Prometheus server, e.g. http://prometheus.monitoring:9090/." };
    private static readonly Option<string> Format = new("--format") { Description = "Output format: table, json, sarif or junit.", DefaultValueFactory = _ => "table" };
    private static readonly Option<FileInfo?> Output = new("--output", "-o") { Description = "Write the report to this file instead of standard output." };
    private static readonly Option<double> Timeout = new("--timeout") { Description = "Per-request timeout in seconds.", DefaultValueFactory = _ => 10 };
    private static readonly Option<double> Budget = new("--budget") { Description = "Time budget for the whole audit in seconds.", DefaultValueFactory = _ => 120 };
    private static readonly Option<string?> BearerTokenFile = new("--bearer-token-file") { Description = "File holding a bearer token for the server." };
    private static readonly Option<string?> BasicAuthFile = new("--basic-auth-file") { Description = "File holding user:password for the server." };
    private static readonly Option<string?> CaFile = new("--ca-file") { Description = "PEM file of CA certificates to trust for the server." };
    private static readonly Option<bool> Insecure = new("--insecure-skip-tls-verify") { Description = "Do not verify the server's certificate (labs only)." };
    private static readonly Option<string> FailOn = new("--fail-on") { Description = "Exit 1 when an exposure has at least this severity: info, low, medium, high, critical or never.", DefaultValueFactory = _ => "high" };
    private static readonly Option<bool> RedactInfra = new("--redact-infra") { Description = "Replace IP addresses and host names with consistent stand-ins (for reports that leave the organisation)." };
    private static readonly Option<string?> SeverityFile = new("--severities") { Description = "JSON file overriding probe severities ({\"PROM-024\": {\"default\": \"High\"}})." };

    public static Command Create()
    {
        var command = new Command("prometheus", "Audit a Prometheus server for exposure, leaked configuration and cluster reconnaissance (read-only).")
        {
            Url, Format, Output, Timeout, Budget, BearerTokenFile, BasicAuthFile, CaFile, Insecure, FailOn, RedactInfra, SeverityFile,
        };
        command.SetAction((parse, ct) => RunAsync(
            new PrometheusRequest(parse.GetValue(Url)!, parse.GetValue(Format)!, parse.GetValue(Output)?.FullName, parse.GetValue(Timeout), parse.GetValue(Budget),
                parse.GetValue(BearerTokenFile), parse.GetValue(BasicAuthFile), parse.GetValue(CaFile), parse.GetValue(Insecure), parse.GetValue(FailOn)!,
                parse.GetValue(RedactInfra), parse.GetValue(SeverityFile)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, null, TimeProvider.System, ct));
        return command;
    }

    internal static async Task<int> RunAsync(PrometheusRequest request, TextWriter output, TextWriter error, HttpMessageHandler? handler, TimeProvider time, CancellationToken ct)
    {
        if (request.Validate() is { } usage)
        {
            await error.WriteLineAsync($"kubeguard prometheus: {usage}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var (settings, problem) = Credentials.Apply(request.ClientSettings(), request.BearerTokenFile, request.BasicAuthFile);
        var (options, severityProblem) = request.AuditOptions();
        var tls = new TlsObservation();
        try
        {
            handler ??= HandlerFactory.Create(settings.RequestTimeout, request.CaFile, request.Insecure, tls);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            problem ??= $"--ca-file {request.CaFile}: {ex.Message}";
        }

        if ((problem ?? severityProblem) is { } input)
        {
            await error.WriteLineAsync($"kubeguard prometheus: {input}").ConfigureAwait(false);
            return ExitCodes.InputError;
        }

        using var client = new PrometheusClient(new Uri(request.Url), handler!, settings);
        var report = await Auditor.RunAsync(client, options!, time, ct, tls).ConfigureAwait(false);
        try
        {
            await PrometheusReportOutput.WriteAsync(report, options!.Severities, request.ReportFormat, request.OutputFile, output).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"kubeguard prometheus: --output {request.OutputFile}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InputError;
        }

        if (report.Blocker.Length > 0)
        {
            await error.WriteLineAsync($"kubeguard prometheus: {report.Blocker}").ConfigureAwait(false);
            return ExitCodes.InputError;
        }

        return request.FailThreshold() is { } threshold && report.HasExposureAtOrAbove(threshold) ? ExitCodes.Findings : ExitCodes.Success;
    }
}
