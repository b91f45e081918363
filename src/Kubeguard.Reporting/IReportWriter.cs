namespace Kubeguard.Reporting;

/// <summary>Renders a <see cref="Report"/> in one format.</summary>
public interface IReportWriter
{
    /// <summary>The format written.</summary>
    ReportFormat Format { get; }

    /// <summary>Writes <paramref name="report"/> to <paramref name="output"/>.</summary>
    void Write(Report report, TextWriter output);
}
