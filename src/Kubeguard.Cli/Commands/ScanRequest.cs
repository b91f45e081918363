using Kubeguard.Reporting;
using Kubeguard.Scanning;

namespace Kubeguard.Cli.Commands;

/// <summary>A parsed <c>kubeguard scan</c> command line.</summary>
/// <param name="Paths">Files, folders and <c>-</c>.</param>
/// <param name="Options">How to judge.</param>
/// <param name="Format">Output format; null picks table on a terminal and JSON otherwise.</param>
/// <param name="OutputFile">Write the report here instead of standard output.</param>
/// <param name="HidePassed">Leave allowed workloads out of the table.</param>
/// <param name="Checks">The checks beyond Pod Security (null: none).</param>
internal sealed record ScanRequest(IReadOnlyList<string> Paths, ScanOptions Options, ReportFormat? Format, string? OutputFile, bool HidePassed, BeyondPodSecurityOptions? Checks = null);
