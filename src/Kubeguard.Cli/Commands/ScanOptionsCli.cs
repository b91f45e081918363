using System.CommandLine;
using System.Globalization;
using Kubeguard.Policy;
using Kubeguard.Reporting;
using Kubeguard.Scanning;

namespace Kubeguard.Cli.Commands;

/// <summary>The options of <c>kubeguard scan</c> and their translation into a <see cref="ScanRequest"/>.</summary>
internal static class ScanOptionsCli
{
    public static Argument<string[]> Paths { get; } = new("paths")
    {
        Description = "Manifest files, folders (read recursively: .yaml, .yml, .json) and - for standard input.",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Option<string> Level { get; } = CreateLevel();

    public static Option<string> Version { get; } = CreateVersion();

    public static Option<bool> NamespaceLabels { get; } = new("--namespace-labels")
    {
        Description = "Judge each workload at its Namespace's pod-security.kubernetes.io/enforce labels when the input holds that Namespace (--level and --version apply elsewhere).",
    };

    public static Option<string> DefaultNamespace { get; } = new("--default-namespace")
    {
        Description = "Namespace of objects that do not name one.",
        DefaultValueFactory = _ => "default",
    };

    public static Option<string?> KubernetesVersion { get; } = CreateKubernetesVersion();

    public static Option<string?> Format { get; } = CreateFormat();

    public static Option<string?> Output { get; } = new("--output", "-o")
    {
        Description = "Write the report to this file instead of standard output.",
    };

    public static Option<string[]> Severity { get; } = CreateSeverity();

    public static Option<bool> HidePassed { get; } = new("--hide-passed")
    {
        Description = "Leave allowed workloads out of the table.",
    };

    public static ScanRequest ToRequest(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var severities = SeverityOverrides.TryParse(parse.GetValue(Severity) ?? [], out var parsed, out _) ? parsed : SeverityOverrides.None;
        var evaluator = parse.GetValue(KubernetesVersion) is { } k8sVersion ? PolicyEvaluator.ForKubernetesMinor(ParseMinor(k8sVersion)!.Value) : PolicyEvaluator.Default;
        var options = new ScanOptions
        {
            Policy = new LevelVersion(Levels.Parse(parse.GetValue(Level)!), PolicyVersion.Parse(parse.GetValue(Version)!)),
            UseNamespaceLabels = parse.GetValue(NamespaceLabels),
            DefaultNamespace = parse.GetValue(DefaultNamespace)!,
            Evaluator = evaluator,
            Severities = severities,
        };
        ReportFormat? format = ReportWriters.TryParseFormat(parse.GetValue(Format), out var f) ? f : null;
        // Checks beyond Pod Security: the host supplies today's date for exemption expiry.
        var checks = BeyondPssOptionsCli.From(parse, severities, DateOnly.FromDateTime(DateTime.UtcNow));
        return new ScanRequest(parse.GetValue(Paths) ?? [], options, format, parse.GetValue(Output), parse.GetValue(HidePassed), checks);
    }

    private static Option<string> CreateLevel()
    {
        var option = new Option<string>("--level", "-l")
        {
            Description = "Pod Security level: privileged, baseline or restricted.",
            DefaultValueFactory = _ => "restricted",
        };
        option.AcceptOnlyFromAmong([.. Levels.All.Select(l => l.ToWireString())]);
        return option;
    }

    private static Option<string> CreateVersion()
    {
        var option = new Option<string>("--version")
        {
            Description = "Policy version: latest or v1.N.",
            DefaultValueFactory = _ => "latest",
        };
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!PolicyVersion.TryParse(text, out _))
            {
                result.AddError($"invalid version \"{text}\": {PolicyVersion.InvalidVersionMessage}");
            }
        });
        return option;
    }

    private static Option<string?> CreateKubernetesVersion()
    {
        var option = new Option<string?>("--kubernetes-version")
        {
            Description = "Answer as a cluster of this Kubernetes version would (e.g. 1.30): latest means that minor.",
        };
        option.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string?>();
            if (text is not null && ParseMinor(text) is null)
            {
                result.AddError($"invalid Kubernetes version \"{text}\": expected 1.N or v1.N");
            }
        });
        return option;
    }

    private static Option<string?> CreateFormat()
    {
        var option = new Option<string?>("--format", "-f")
        {
            Description = "Output format: table, json, sarif or junit (default: table on a terminal, json otherwise).",
        };
        option.AcceptOnlyFromAmong([.. ReportWriters.Names]);
        return option;
    }

    private static Option<string[]> CreateSeverity()
    {
        var option = new Option<string[]>("--severity")
        {
            Description = "Override a check's severity, e.g. --severity hostPorts=low (repeatable). Severities: none, info, low, medium, high, critical.",
            AllowMultipleArgumentsPerToken = false,
        };
        option.Validators.Add(result =>
        {
            if (!SeverityOverrides.TryParse(result.GetValueOrDefault<string[]>() ?? [], out _, out var error))
            {
                result.AddError(error!);
            }
        });
        return option;
    }

    private static long? ParseMinor(string text)
    {
        var trimmed = text.StartsWith('v') ? text[1..] : text;
        var parts = trimmed.Split('.');
        return parts.Length is 2 or 3 && parts[0] == "1" && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor) ? minor : null;
    }
}
