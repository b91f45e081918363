using System.CommandLine;
using Kubeguard.Admission;
using Kubeguard.Cluster.Analysis;
using Kubeguard.Cluster.Connection;
using Kubeguard.Cluster.Output;
using Kubeguard.Cluster.Psp;
using Kubeguard.Cluster.Results;
using Kubeguard.Policy;
using Kubeguard.Reporting;
using Kubeguard.Scanning;

namespace Kubeguard.Cli.Commands;

/// <summary>
/// <c>kubeguard cluster audit</c>: judge every pod and workload template against its namespace's
/// Pod Security labels. <c>kubeguard cluster plan</c>: the strictest level each namespace can take
/// today, what breaks beyond it, and the labels to apply.
/// </summary>
internal static class ClusterCommand
{
    private static readonly Option<string?> Kubeconfig = new("--kubeconfig") { Description = "Kubeconfig file (default: $KUBECONFIG, ~/.kube/config, then the in-cluster service account)." };
    private static readonly Option<string?> Context = new("--context") { Description = "Kubeconfig context to use." };
    private static readonly Option<string[]> Namespace = new("--namespace", "-n") { Description = "Namespace to read (repeatable); default: all namespaces.", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<bool> AllNamespaces = new("--all-namespaces", "-A") { Description = "Read every namespace (the default)." };
    private static readonly Option<string?> Selector = new("--selector", "-l") { Description = "Only pods and workloads matching this label selector (plans are then withheld: not every pod was read)." };
    private static readonly Option<string?> NamespaceSelector = new("--namespace-selector") { Description = "Only namespaces matching this label selector." };
    private static readonly Option<string?> Config = new("--config") { Description = "The cluster's PodSecurityConfiguration file: default levels and exempt namespaces and runtime classes." };
    private static readonly Option<string> Format = new("--format") { Description = "Output format: table, json, sarif, junit; audit also policyreport (one wgpolicyk8s.io/v1alpha2 PolicyReport per namespace).", DefaultValueFactory = _ => "table" };
    private static readonly Option<FileInfo?> Output = new("--output", "-o") { Description = "Write the result to this file instead of standard output." };
    private static readonly Option<int> PageSize = new("--page-size") { Description = "Objects per list call (limit).", DefaultValueFactory = _ => 500 };
    private static readonly Option<string[]> PspFiles = new("--file", "-f") { Description = "PodSecurityPolicy manifests (YAML or JSON); without them the policies, and the namespaces whose pods used them, are read from the cluster.", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<double> RequestTimeout = new("--request-timeout") { Description = "Seconds one API request may take.", DefaultValueFactory = _ => 60 };

    public static Command Create() => new("cluster", "Audit a live cluster against its Pod Security labels, and plan the rollout of stricter levels.")
    {
        Subcommand("audit", """
            Judge every pod and workload template against its namespace's Pod Security labels, as Pod Security Admission would.

            Checks beyond Pod Security (supply chain, workload identity, network exposure, encryption in transit, RBAC, TEE)
            run over what is read, as in scan; see --checks, --no-beyond-pss, --exemptions, --severity, --fail-on.

            Exit codes: 0 nothing found; 1 Pod Security violations, or other findings at or above --fail-on; 2 usage error;
            3 something could not be read (named on stderr; takes effect when nothing else failed).
            """, plan: false),
        Subcommand("plan", "Per namespace: the strictest level:version every pod and template passes today, what breaks at stricter levels, and the labels to apply.", plan: true),
        PspSubcommand(),
    };

    internal static async Task<int> RunAsync(ClusterRequest request, TextWriter output, TextWriter error, IProgress<ReadProgress>? progress, TimeProvider time, CancellationToken ct)
    {
        var name = request.Psp ? "kubeguard cluster psp" : request.Plan ? "kubeguard cluster plan" : "kubeguard cluster audit";
        if (request.Validate() is { } usage)
        {
            await error.WriteLineAsync($"{name}: {usage}").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        var configuration = PodSecurityConfiguration.Default;
        if (request.ConfigFile is { } configFile)
        {
            var loaded = PodSecurityConfigurationLoader.Load(File.Exists(configFile) ? await File.ReadAllTextAsync(configFile, ct).ConfigureAwait(false) : null);
            if (!File.Exists(configFile) || !loaded.Succeeded)
            {
                var problems = File.Exists(configFile) ? loaded.Errors : ["file not found"];
                foreach (var problem in problems)
                {
                    await error.WriteLineAsync($"{name}: --config {configFile}: {problem}").ConfigureAwait(false);
                }

                return ExitCodes.InputError;
            }

            configuration = loaded.Configuration!;
        }

        if (request.Psp && request.PspFiles.Count > 0)
        {
            return await PspFromFilesAsync(request, output, error, name, ct).ConfigureAwait(false);
        }

        var (client, server, failure) = ClusterConnection.Create(new ConnectionOptions(request.Kubeconfig, request.Context) { RequestTimeout = TimeSpan.FromSeconds(request.RequestTimeout) });
        ClusterReport report;
        using (client)
        {
            if (failure is not null)
            {
                await error.WriteLineAsync($"{name}: {failure.Message}").ConfigureAwait(false);
                return ExitCodes.InputError;
            }

            var auditRequest = new AuditRequest(request.Namespaces, request.Selector, request.NamespaceSelector, configuration)
            {
                PageSize = request.PageSize,
                Checks = !request.Plan && !request.Psp && request.Checks is { Enabled: true } checks ? checks.Checks : null,
            };
            report = await new ClusterAuditor(client!, server, auditRequest, progress).RunAsync(ct).ConfigureAwait(false);
            (progress as IDisposable)?.Dispose();
            if (request.Psp && report.Failure is null)
            {
                var (policies, pspFailure) = await PspSources.FromClusterAsync(client!, server, ct).ConfigureAwait(false);
                if (pspFailure is not null)
                {
                    await error.WriteLineAsync($"{name}: {pspFailure.Message}").ConfigureAwait(false);
                    return ExitCodes.InputError;
                }

                var ladder = PlanLadder.Create(report.PinVersion.IsLatest ? PolicyEvaluator.Default : PolicyEvaluator.ForKubernetesMinor(report.PinVersion.Minor), report.PinVersion);
                var pspUsage = PspSources.Usage(report);
                await WritePspAsync(request, [.. policies.Select(p => PodSecurityPolicyMigration.Assess(p, ladder, pspUsage))], output).ConfigureAwait(false);
                return ExitCodes.Success;
            }
        }

        if (report.Failure is { } stop)
        {
            await error.WriteLineAsync($"{name}: {stop.Message}").ConfigureAwait(false);
            return ExitCodes.InputError;
        }

        var audit = request.Plan ? null : AuditReport(request, report);
        await WriteAsync(request, report, audit, output, time).ConfigureAwait(false);
        var skipped = report.Skipped.Concat(report.Namespaces.SelectMany(n => n.Skipped)).ToList();
        foreach (var item in skipped)
        {
            await error.WriteLineAsync($"{name}: not read: {item.Resource}{(item.Namespace is null ? " (cluster-wide)" : $" in {item.Namespace}")}: {item.Reason}").ConfigureAwait(false);
        }

        var notRun = report.Checks?.NotRead ?? [];
        foreach (var item in notRun.Where(n => !skipped.Any(s => s.Resource == n.Resource && s.Namespace == n.Namespace)))
        {
            await error.WriteLineAsync($"{name}: not read: {item.Message}").ConfigureAwait(false);
        }

        var violations = !request.Plan && report.Namespaces.Any(n => !n.Findings.IsDefaultOrEmpty || n.OtherFindings > 0);
        var otherFindings = audit is not null && audit.Findings.Any(x => CheckCatalog.Find(x.Finding.RuleId) is null
            && x.Finding.Severity != Severity.None && x.Finding.Severity >= request.FailOn);
        return violations || otherFindings ? ExitCodes.Findings : skipped.Count > 0 || notRun.Length > 0 ? ExitCodes.InputError : ExitCodes.Success;
    }

    // The audit in the shared report model: Pod Security results, then the checks beyond Pod
    // Security (after exemptions), with the checks that could not run completely as input errors.
    private static Report AuditReport(ClusterRequest request, ClusterReport report)
    {
        var audit = ClusterFindings.Audit(report);
        if (report.Checks is not { } checks || request.Checks is not { Enabled: true } options)
        {
            return audit;
        }

        var notRun = checks.NotRead.Select(n => new InputError(new Location(n.Namespace is null ? $"cluster:{n.Resource}" : $"cluster:{n.Namespace}/{n.Resource}"), n.Message));
        return BeyondPodSecurity.AddTo(audit, checks.Findings, checks.AnnotationsOf, options, notRun);
    }

    private static async Task<int> PspFromFilesAsync(ClusterRequest request, TextWriter output, TextWriter error, string name, CancellationToken ct)
    {
        var ladder = PlanLadder.Create(PolicyEvaluator.Default);
        var assessments = new List<PspAssessment>();
        var failed = false;
        foreach (var file in request.PspFiles)
        {
            if (!File.Exists(file))
            {
                await error.WriteLineAsync($"{name}: {file}: file not found").ConfigureAwait(false);
                failed = true;
                continue;
            }

            var (policies, errors) = PspSources.FromText(await File.ReadAllTextAsync(file, ct).ConfigureAwait(false), file);
            foreach (var problem in errors)
            {
                await error.WriteLineAsync($"{name}: {problem}").ConfigureAwait(false);
                failed = true;
            }

            assessments.AddRange(policies.Select(p => PodSecurityPolicyMigration.Assess(p, ladder)));
        }

        await WritePspAsync(request, assessments, output).ConfigureAwait(false);
        return failed ? ExitCodes.InputError : ExitCodes.Success;
    }

    private static async Task WritePspAsync(ClusterRequest request, IReadOnlyList<PspAssessment> assessments, TextWriter output)
    {
        await using var file = request.OutputFile is null ? null : new StreamWriter(request.OutputFile);
        var writer = (TextWriter?)file ?? output;
        if (request.Format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            PspOutput.WriteJson(assessments, writer);
        }
        else
        {
            PspOutput.WriteText(assessments, writer);
        }

        await writer.FlushAsync().ConfigureAwait(false);
    }

    private static async Task WriteAsync(ClusterRequest request, ClusterReport report, Report? audit, TextWriter output, TimeProvider time)
    {
        await using var file = request.OutputFile is null ? null : new StreamWriter(request.OutputFile);
        var writer = (TextWriter?)file ?? output;
        var format = request.Format.ToLowerInvariant();
        switch (format)
        {
            case "policyreport":
                YamlText.Write(PolicyReports.For(report, time.GetUtcNow()), writer);
                break;
            case "json" when request.Plan:
                PlanJson.Write(report, writer);
                break;
            case "table" when request.Plan:
                PlanText.Write(report, writer);
                break;
            default:
                if (!ReportWriters.TryParseFormat(format, out var reportFormat))
                {
                    throw new InvalidOperationException($"unvalidated format {format}");
                }

                ReportWriters.For(reportFormat).Write(audit ?? ClusterFindings.Plan(report), writer);
                break;
        }

        await writer.FlushAsync().ConfigureAwait(false);
    }

    private static Command PspSubcommand()
    {
        var command = new Command("psp", "Map PodSecurityPolicies (from files, or from an older cluster) to the Pod Security level and version each equals, and list what has no equivalent.")
        {
            Kubeconfig, Context, PspFiles, Format, Output, RequestTimeout,
        };
        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            using var progress = Console.IsErrorRedirected ? null : new TerminalProgress(error, TimeProvider.System);
            return await RunAsync(
                new ClusterRequest(true, parse.GetValue(Kubeconfig), parse.GetValue(Context), [], false, null, null, null, parse.GetValue(Format)!,
                    parse.GetValue(Output)?.FullName, RequestTimeout: parse.GetValue(RequestTimeout))
                {
                    Psp = true,
                    PspFiles = parse.GetValue(PspFiles) ?? [],
                },
                parse.InvocationConfiguration.Output, error, progress, TimeProvider.System, ct).ConfigureAwait(false);
        });
        return command;
    }

    private static Command Subcommand(string verb, string description, bool plan)
    {
        var command = new Command(verb, description)
        {
            Kubeconfig, Context, Namespace, AllNamespaces, Selector, NamespaceSelector, Config, Format, Output, PageSize, RequestTimeout,
        };
        if (!plan)
        {
            // The checks beyond Pod Security, with the same options as scan.
            command.Options.Add(ScanOptionsCli.Severity);
            command.Options.Add(ScanOptionsCli.FailOn);
            foreach (var option in BeyondPssOptionsCli.All)
            {
                command.Options.Add(option);
            }
        }

        command.SetAction(async (parse, ct) =>
        {
            var error = parse.InvocationConfiguration.Error;
            using var progress = Console.IsErrorRedirected ? null : new TerminalProgress(error, TimeProvider.System);
            var severities = !plan && SeverityOverrides.TryParse(parse.GetValue(ScanOptionsCli.Severity) ?? [], out var parsed, out _) ? parsed : SeverityOverrides.None;
            return await RunAsync(
                new ClusterRequest(plan, parse.GetValue(Kubeconfig), parse.GetValue(Context), parse.GetValue(Namespace) ?? [], parse.GetValue(AllNamespaces),
                    parse.GetValue(Selector), parse.GetValue(NamespaceSelector), parse.GetValue(Config), parse.GetValue(Format)!, parse.GetValue(Output)?.FullName,
                    parse.GetValue(PageSize), parse.GetValue(RequestTimeout))
                {
                    // The host supplies today's date for exemption expiry.
                    Checks = plan ? null : BeyondPssOptionsCli.From(parse, severities, DateOnly.FromDateTime(DateTime.UtcNow)),
                    FailOn = !plan && Severities.TryParse(parse.GetValue(ScanOptionsCli.FailOn), out var failOn) ? failOn : Severity.Medium,
                },
                parse.InvocationConfiguration.Output, error, progress, TimeProvider.System, ct).ConfigureAwait(false);
        });
        return command;
    }
}
