using System.CommandLine;
using Kubeguard.Fix;
using Kubeguard.Fix.Planning;
using Kubeguard.Policy;
using Kubeguard.Reporting;

namespace Kubeguard.Cli.Commands;

/// <summary>
/// <c>kubeguard fix</c>: makes workloads pass a Pod Security level with the smallest safe edits.
/// Dry run by default; <c>--diff</c>, <c>--write</c> and <c>--output-dir</c> are explicit.
/// </summary>
internal static class FixCommand
{
    public static Command Create()
    {
        var pathsArgument = new Argument<string[]>("path")
        {
            Description = "Manifest files or folders (searched for *.yaml and *.yml), or - for standard input.",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var levelOption = new Option<string>("--level")
        {
            Description = "Target level: baseline or restricted (also level:version, e.g. restricted:v1.30).",
            DefaultValueFactory = _ => "restricted",
        };

        var versionOption = new Option<string?>("--version")
        {
            Description = "Target policy version: latest or v1.N (default latest).",
        };

        var dryRunOption = new Option<bool>("--dry-run") { Description = "Plan and report only; write nothing (the default)." };

        var diffOption = new Option<bool>("--diff") { Description = "Print a unified diff (git apply accepts it) instead of writing." };

        var writeOption = new Option<bool>("--write") { Description = "Rewrite files in place, atomically (encoding, BOM, line endings and mode kept)." };

        var outputDirOption = new Option<string?>("--output-dir") { Description = "Write fixed copies under this folder, with the same relative paths." };

        var allowOption = new Option<string[]>("--allow")
        {
            Description = "Also apply opt-in actions for these checks (comma-separated check IDs, or opt-in for all).",
            AllowMultipleArgumentsPerToken = true,
        };

        var runAsUserOption = new Option<long?>("--run-as-user")
        {
            Description = "UID to write where a workload would run as root (runAsUser: 0, or runAsNonRoot without a UID).",
        };

        var formatOption = new Option<string>("--format")
        {
            Description = "Report format: table, json, sarif (with fixes that reproduce --write) or junit.",
            DefaultValueFactory = _ => "table",
        };

        formatOption.AcceptOnlyFromAmong("table", "json", "sarif", "junit");
        runAsUserOption.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<long?>() is <= 0)
            {
                r.AddError("--run-as-user must be a UID above 0");
            }
        });
        var command = new Command("fix", "Edit manifests so workloads pass a Pod Security level: smallest safe edits, proven before they are written.")
        {
            pathsArgument, levelOption, versionOption, dryRunOption, diffOption, writeOption, outputDirOption, allowOption, runAsUserOption, formatOption,
        };
        command.Validators.Add(r =>
        {
            if (new[] { r.GetValue(diffOption), r.GetValue(writeOption), r.GetValue(outputDirOption) is not null, r.GetValue(dryRunOption) }.Count(x => x) > 1)
            {
                r.AddError("choose one of --dry-run, --diff, --write and --output-dir");
            }

            if (Target(r.GetValue(levelOption), r.GetValue(versionOption), out _) is { } error)
            {
                r.AddError(error);
            }

            foreach (var check in SplitAllow(r.GetValue(allowOption)))
            {
                if (!AllowedNames.Contains(check))
                {
                    r.AddError($"--allow: unknown check \"{check}\" (use check IDs such as runAsNonRoot, or opt-in for all)");
                }
            }
        });
        command.SetAction((parse, ct) =>
        {
            Target(parse.GetValue(levelOption), parse.GetValue(versionOption), out var target);
            var request = new FixRequest
            {
                Paths = parse.GetValue(pathsArgument) is { Length: > 0 } paths ? paths : ["."],
                Options = new FixOptions
                {
                    Target = target,
                    Allow = new HashSet<string>(SplitAllow(parse.GetValue(allowOption)), StringComparer.OrdinalIgnoreCase),
                    RunAsUser = parse.GetValue(runAsUserOption),
                },
                Mode = parse.GetValue(diffOption) ? FixMode.Diff : parse.GetValue(writeOption) ? FixMode.Write : parse.GetValue(outputDirOption) is not null ? FixMode.OutputDir : FixMode.DryRun,
                OutputDir = parse.GetValue(outputDirOption),
                Format = parse.GetValue(formatOption) ?? "table",
            };
            return RunAsync(request, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, Console.OpenStandardInput, ct);
        });
        return command;
    }

    private static readonly HashSet<string> AllowedNames = new(CheckCatalog.BuiltIn.Select(c => c.Id).Append("opt-in"), StringComparer.OrdinalIgnoreCase);

    private static IEnumerable<string> SplitAllow(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string? Target(string? level, string? version, out LevelVersion target)
    {
        target = new LevelVersion(Level.Restricted, PolicyVersion.Latest);
        if (!LevelVersion.TryParse(level ?? "restricted", out var parsed) || parsed.Level == Level.Privileged)
        {
            return $"--level: expected baseline or restricted, optionally with :latest or :v1.N (got \"{level}\")";
        }

        if (version is not null)
        {
            if (!PolicyVersion.TryParse(version, out var v))
            {
                return $"--version: {PolicyVersion.InvalidVersionMessage} (got \"{version}\")";
            }

            parsed = parsed with { Version = v };
        }

        target = parsed;
        return null;
    }

    internal static async Task<int> RunAsync(FixRequest request, TextWriter stdout, TextWriter stderr, Func<Stream> stdin, CancellationToken ct)
    {
        var inputs = FixInputs.Discover(request.Paths, request.BaseDirectory, stderr, out var missing);
        var results = new List<FileFix>();
        foreach (var input in inputs)
        {
            ct.ThrowIfCancellationRequested();
            var bytes = input.IsStdin ? await ReadAllAsync(stdin(), ct).ConfigureAwait(false) : await File.ReadAllBytesAsync(input.FullPath, ct).ConfigureAwait(false);
            results.Add(FixEngine.Fix(input.Display, bytes, request.Options));
        }

        var usesStdin = inputs.Any(i => i.IsStdin);
        var report = request.Mode == FixMode.Diff || (usesStdin && request.Mode is FixMode.Write or FixMode.OutputDir) ? stderr : stdout;
        for (var i = 0; i < inputs.Count; i++)
        {
            var (input, result) = (inputs[i], results[i]);
            switch (request.Mode)
            {
                case FixMode.Diff when result.Changed:
                    await stdout.WriteAsync(UnifiedDiff.Create(result.OriginalText, result.OutputText, input.Display)).ConfigureAwait(false);
                    break;
                case FixMode.Write or FixMode.OutputDir when input.IsStdin:
                    await stdout.WriteAsync(System.Text.Encoding.UTF8.GetString(result.Output)).ConfigureAwait(false);
                    break;
                case FixMode.Write when result.Changed:
                    AtomicFile.Write(input.FullPath, result.Output);
                    break;
                case FixMode.OutputDir when result.Changed:
                    var target = Path.Combine(request.BaseDirectory, request.OutputDir!, input.Relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
                    AtomicFile.Write(target, result.Output);
                    break;
            }
        }

        var mode = request.Mode switch
        {
            FixMode.Write => "written in place",
            FixMode.OutputDir => $"fixed copies written under {request.OutputDir}",
            FixMode.Diff => "diff printed; nothing written",
            _ => "dry run: nothing written",
        };
        if (request.Format == "sarif")
        {
            FixSarif.Write(report, results);
        }
        else
        {
            var format = ReportWriters.TryParseFormat(request.Format, out var parsed) ? parsed : ReportFormat.Table;
            ReportWriters.For(format).Write(FixReport.ToReport(results, request.Options.Target, mode), report);
            if (format == ReportFormat.Table)
            {
                await report.WriteLineAsync($"Target {request.Options.Target}; {mode}.").ConfigureAwait(false);
            }
        }

        var totals = FixReport.Count(results);
        if (missing > 0 || totals.Issues > 0 || totals.Refused > 0)
        {
            return ExitCodes.InputError;
        }

        return totals.PassingAfter == totals.Workloads ? ExitCodes.Success : ExitCodes.Findings;
    }

    private static async Task<byte[]> ReadAllAsync(Stream stream, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct).ConfigureAwait(false);
        return buffer.ToArray();
    }
}

/// <summary>What <c>kubeguard fix</c> does with its results.</summary>
internal enum FixMode
{
    DryRun,
    Diff,
    Write,
    OutputDir,
}

/// <summary>A parsed <c>kubeguard fix</c> command line.</summary>
internal sealed record FixRequest
{
    public required IReadOnlyList<string> Paths { get; init; }

    public required FixOptions Options { get; init; }

    public FixMode Mode { get; init; } = FixMode.DryRun;

    public string? OutputDir { get; init; }

    public string Format { get; init; } = "table";

    /// <summary>Folder that relative paths, report names and diff paths are relative to.</summary>
    public string BaseDirectory { get; init; } = Environment.CurrentDirectory;
}
