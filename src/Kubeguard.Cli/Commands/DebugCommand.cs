using System.CommandLine;
using Kubeguard.Cluster.Connection;
using Kubeguard.Cluster.Debug;
using Kubeguard.Scanning.Manifests;

namespace Kubeguard.Cli.Commands;

/// <summary>
/// <c>kubeguard debug POD</c>: add an ephemeral debug container that the namespace's Pod Security
/// level admits, proven by the engine before anything is sent.
/// </summary>
internal static class DebugCommand
{
    private static readonly Argument<string> Pod = new("pod") { Description = "The pod to debug." };
    private static readonly Argument<string[]> CommandArgs = new("command") { Description = "Command to run in the debug container (after --); default: the image's own.", Arity = ArgumentArity.ZeroOrMore };
    private static readonly Option<string?> Kubeconfig = new("--kubeconfig") { Description = "Kubeconfig file (default: $KUBECONFIG, ~/.kube/config, then the in-cluster service account)." };
    private static readonly Option<string?> Context = new("--context") { Description = "Kubeconfig context to use." };
    private static readonly Option<string> Namespace = new("--namespace", "-n") { Description = "The pod's namespace.", DefaultValueFactory = _ => "default" };
    private static readonly Option<string?> Target = new("--target") { Description = "The container whose processes the debugger sees (default: the pod's default container)." };
    private static readonly Option<string> Image = new("--image") { Description = "Debug image; pin it by digest (image@sha256:...).", DefaultValueFactory = _ => DebugProfiles.DefaultImage };
    private static readonly Option<string> Profile = new("--profile") { Description = "auto (the most capable the namespace admits), restricted, baseline, general, netadmin or sysadmin.", DefaultValueFactory = _ => "auto" };
    private static readonly Option<bool> DryRun = new("--dry-run") { Description = "Print the container that would be added and the engine's verdict; send nothing." };
    private static readonly Option<bool> NoAnnotate = new("--no-annotate") { Description = "Do not record who asked and why in an annotation on the pod." };
    private static readonly Option<string?> Reason = new("--reason") { Description = "Why, recorded in the pod's annotation." };
    private static readonly Option<double> Timeout = new("--timeout") { Description = "Seconds to wait for the container to run.", DefaultValueFactory = _ => 60 };

    public static Command Create()
    {
        var command = new Command("debug", "Add an ephemeral debug container to a running pod that the namespace's Pod Security level admits, proven before anything is sent.")
        {
            Pod, CommandArgs, Kubeconfig, Context, Namespace, Target, Image, Profile, DryRun, NoAnnotate, Reason, Timeout,
        };
        command.SetAction(async (parse, ct) =>
        {
            if (!DebugProfiles.TryParse(parse.GetValue(Profile), out var profile))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("kubeguard debug: --profile must be one of auto, restricted, baseline, general, netadmin, sysadmin").ConfigureAwait(false);
                return ExitCodes.UsageError;
            }

            var request = new DebugRequest(parse.GetValue(Pod)!, parse.GetValue(Namespace)!, "debugger-" + Suffix())
            {
                Target = parse.GetValue(Target),
                Image = parse.GetValue(Image)!,
                Profile = profile,
                Command = parse.GetValue(CommandArgs) ?? [],
                RequestedBy = Environment.UserName,
                Reason = parse.GetValue(Reason),
                Annotate = !parse.GetValue(NoAnnotate),
                Wait = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(Timeout))),
            };
            return await RunAsync(request, new ConnectionOptions(parse.GetValue(Kubeconfig), parse.GetValue(Context)), parse.GetValue(DryRun),
                parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, TimeProvider.System, ct).ConfigureAwait(false);
        });
        return command;
    }

    internal static async Task<int> RunAsync(DebugRequest request, ConnectionOptions connection, bool dryRun, TextWriter output, TextWriter error, TimeProvider time, CancellationToken ct)
    {
        var (client, server, failure) = ClusterConnection.Create(connection);
        using (client)
        {
            if (failure is not null)
            {
                await error.WriteLineAsync($"kubeguard debug: {failure.Message}").ConfigureAwait(false);
                return ExitCodes.InputError;
            }

            var outcome = await new DebugSession(client!, server, time).RunAsync(request, dryRun, ct).ConfigureAwait(false);
            if (outcome.Plan is { } plan)
            {
                foreach (var label in plan.LabelErrors)
                {
                    await error.WriteLineAsync($"kubeguard debug: namespace label {label}; enforcing restricted as Pod Security Admission does").ConfigureAwait(false);
                }
            }

            if (outcome.Plan is { } shown && (dryRun || outcome.Status == DebugStatus.Refused))
            {
                await output.WriteLineAsync($"# profile {DebugProfiles.Name(shown.Profile)} at PodSecurity \"{shown.Policy}\": {(shown.Admitted ? "allowed" : "rejected")}").ConfigureAwait(false);
                await output.WriteLineAsync(ModelYaml.Serialize(shown.Container)).ConfigureAwait(false);
            }

            if (outcome.Plan is { Admitted: true } able)
            {
                var (can, cannot) = DebugProfiles.Abilities(able.Profile, able.User);
                await output.WriteLineAsync($"# the debugger can: {can}").ConfigureAwait(false);
                await output.WriteLineAsync($"# the debugger cannot: {cannot}").ConfigureAwait(false);
            }

            if (outcome.Warning is { } warning)
            {
                await error.WriteLineAsync($"kubeguard debug: warning: {warning}").ConfigureAwait(false);
            }

            switch (outcome.Status)
            {
                case DebugStatus.Running:
                case DebugStatus.Planned:
                    await output.WriteLineAsync(outcome.Message).ConfigureAwait(false);
                    return ExitCodes.Success;
                case DebugStatus.Refused:
                    await error.WriteLineAsync($"kubeguard debug: refused locally, nothing sent: {outcome.Message}").ConfigureAwait(false);
                    return ExitCodes.Findings;
                default:
                    await error.WriteLineAsync($"kubeguard debug: {outcome.Message}").ConfigureAwait(false);
                    return ExitCodes.InputError;
            }
        }
    }

    private static string Suffix()
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        return string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }
}
