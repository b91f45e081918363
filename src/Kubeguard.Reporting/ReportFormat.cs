namespace Kubeguard.Reporting;

/// <summary>The output formats every command offers.</summary>
public enum ReportFormat
{
    /// <summary>Text for people, grouped by file and object.</summary>
    Table,

    /// <summary>Kubeguard's stable JSON shape (documented in <c>docs/report.schema.json</c>).</summary>
    Json,

    /// <summary>SARIF 2.1.0 for code-scanning UIs.</summary>
    Sarif,

    /// <summary>JUnit XML for CI test reports.</summary>
    Junit,
}
