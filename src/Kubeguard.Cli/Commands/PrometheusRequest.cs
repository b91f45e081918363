using Kubeguard.PromAudit;
using Kubeguard.PromAudit.Http;
using Kubeguard.Reporting;

namespace Kubeguard.Cli.Commands;

/// <summary>The parsed command line of <c>kubeguard prometheus</c>.</summary>
internal sealed record PrometheusRequest(
    string Url,
    string Format,
    string? OutputFile,
    double TimeoutSeconds,
    double BudgetSeconds,
    string? BearerTokenFile,
    string? BasicAuthFile,
    string? CaFile,
    bool Insecure,
    string FailOn,
    bool RedactInfra,
    string? SeverityFile)
{
    public ReportFormat ReportFormat => ReportWriters.TryParseFormat(Format, out var format) ? format : ReportFormat.Table;

    /// <summary>A usage problem, or null.</summary>
    public string? Validate()
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return $"'{Url}' is not an http:// or https:// URL";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "put credentials in --basic-auth-file, not in the URL";
        }

        if (!ReportWriters.TryParseFormat(Format, out _))
        {
            return $"unknown format '{Format}'; use {string.Join(", ", ReportWriters.Names)}";
        }

        if (TimeoutSeconds is <= 0 or > 600 || BudgetSeconds is <= 0 or > 3600)
        {
            return "--timeout must be in (0, 600] seconds and --budget in (0, 3600] seconds";
        }

        if (CaFile is not null && Insecure)
        {
            return "use either --ca-file or --insecure-skip-tls-verify, not both";
        }

        return FailOn.Equals("never", StringComparison.OrdinalIgnoreCase) || (Severities.TryParse(FailOn, out var s) && s != Severity.None)
            ? null
            : $"unknown --fail-on '{FailOn}'; use info, low, medium, high, critical or never";
    }

    public ClientSettings ClientSettings() => new()
    {
        RequestTimeout = TimeSpan.FromSeconds(TimeoutSeconds),
        AuditBudget = TimeSpan.FromSeconds(BudgetSeconds),
    };

    public (AuditOptions? Options, string? Problem) AuditOptions()
    {
        var severities = SeverityPolicy.BuiltIn;
        if (SeverityFile is not null)
        {
            try
            {
                using var stream = File.OpenRead(SeverityFile);
                severities = SeverityPolicy.Load(stream, SeverityPolicy.BuiltIn);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
            {
                return (null, $"--severities {SeverityFile}: {ex.Message}");
            }
        }

        return (new AuditOptions { Severities = severities, RedactInfrastructure = RedactInfra }, null);
    }

    public Severity? FailThreshold() => Severities.TryParse(FailOn, out var s) && s != Severity.None ? s : null;
}
