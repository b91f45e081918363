using System.CommandLine;
using System.CommandLine.Parsing;
using Kubeguard.Admission;
using Kubeguard.Checks;
using Kubeguard.Checks.Exemptions;
using Kubeguard.Webhook;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;

namespace Kubeguard.Cli.Commands;

/// <summary><c>kubeguard webhook</c>: the Pod Security admission webhook over HTTPS.</summary>
internal static class WebhookCommand
{
    private static readonly Option<string> Listen = new("--listen")
    {
        Description = "Address to serve HTTPS on, HOST:PORT.",
        DefaultValueFactory = _ => "0.0.0.0:8443",
    };

    private static readonly Option<string> CertFile = new("--tls-cert-file")
    {
        Description = "PEM certificate (chain); reloaded when the file changes.",
        Required = true,
    };

    private static readonly Option<string> KeyFile = new("--tls-private-key-file")
    {
        Description = "PEM private key; reloaded when the file changes.",
        Required = true,
    };

    private static readonly Option<string?> Config = new("--config")
    {
        Description = "PodSecurityConfiguration file (pod-security.admission.config.k8s.io v1, v1beta1 or v1alpha1; JSON or YAML).",
    };

    private static readonly Option<string?> NamespacesFile = new("--namespaces-file")
    {
        Description = "Namespace (and Pod) manifests to read labels from instead of a cluster.",
    };

    private static readonly Option<string?> Kubeconfig = new("--kubeconfig")
    {
        Description = "Kubeconfig for namespace lookups; in-cluster configuration when omitted.",
    };

    private static readonly Option<string?> ImagePolicy = new("--image-policy")
    {
        Description = "ImageVerificationPolicy file: verify image signatures at POST /mutate-images and /validate-images.",
    };

    private static readonly Option<string?> ImageDockerConfig = new("--image-docker-config")
    {
        Description = "Docker config file with registry credentials for image verification.",
    };

    private static readonly Option<string[]> ImageInsecureRegistry = new("--image-insecure-registry")
    {
        Description = "Speak plain HTTP to this registry HOST:PORT for image verification; loopback only (repeatable).",
    };

    private static readonly Option<string> ShutdownTimeout = new("--shutdown-timeout")
    {
        Description = "On SIGTERM, how long reviews in flight may take to finish before the server exits (Go duration).",
        DefaultValueFactory = _ => "25s",
        Validators = { r => { if (!GoDuration.TryParse(r.GetValueOrDefault<string>() ?? string.Empty, out _)) { r.AddError("--shutdown-timeout must be a duration such as 25s or 1m"); } } },
    };

    private static readonly Option<string[]> Checks = new("--checks")
    {
        Description = "Also run the single-object checks beyond Pod Security on admitted Pods and workloads, as warnings: 'all' or families ("
            + string.Join(", ", CheckFamilies.All.Select(f => f.ToWireString())) + "). Off by default.",
        AllowMultipleArgumentsPerToken = true,
        Validators = { ValidateFamilies },
    };

    private static readonly Option<string?> DenyOn = new("--deny-on")
    {
        Description = "With --checks: deny requests with a finding of this severity or higher (info, low, medium, high, critical) instead of only warning.",
        Validators = { r => { if (r.GetValueOrDefault<string?>() is { } v && !Severities.TryParse(v, out _)) { r.AddError($"unknown severity \"{v}\" (expected info, low, medium, high, critical)"); } } },
    };

    private static readonly Option<string?> Exemptions = new("--exemptions")
    {
        Description = "With --checks: exemptions file (kind: Exemptions) shared with scan and cluster.",
    };

    private static readonly Option<string[]> AllowedRegistries = new("--allowed-registries")
    {
        Description = "With --checks: registries or registry/repository prefixes images may come from; turns on image-registry-not-allowed.",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Command Create()
    {
        var command = new Command("webhook", "Serve Pod Security admission (admission.k8s.io/v1 AdmissionReview) at POST /validate over HTTPS.")
        {
            Listen, CertFile, KeyFile, Config, NamespacesFile, Kubeconfig, ImagePolicy, ImageDockerConfig, ImageInsecureRegistry,
            ShutdownTimeout, Checks, DenyOn, Exemptions, AllowedRegistries,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(Checks) is not { Length: > 0 } && (r.GetValue(DenyOn) is not null || r.GetValue(Exemptions) is not null || r.GetValue(AllowedRegistries) is { Length: > 0 }))
            {
                r.AddError("--deny-on, --exemptions and --allowed-registries need --checks");
            }
        });
        command.SetAction((parse, ct) => RunAsync(
            new WebhookOptions
            {
                Listen = parse.GetValue(Listen)!,
                TlsCertFile = parse.GetValue(CertFile)!,
                TlsPrivateKeyFile = parse.GetValue(KeyFile)!,
                ConfigFile = parse.GetValue(Config),
                NamespacesFile = parse.GetValue(NamespacesFile),
                Kubeconfig = parse.GetValue(Kubeconfig),
                ImagePolicyFile = parse.GetValue(ImagePolicy),
                ImageDockerConfigFile = parse.GetValue(ImageDockerConfig),
                ImageInsecureRegistries = parse.GetValue(ImageInsecureRegistry) ?? [],
                ShutdownTimeout = GoDuration.TryParse(parse.GetValue(ShutdownTimeout)!, out var shutdown) ? shutdown : TimeSpan.FromSeconds(25),
            },
            parse.InvocationConfiguration.Error,
            ct,
            CheckRequestOf(parse)));
        return command;
    }

    /// <summary>What <c>--checks</c> and its companions asked for; null when the checks are off.</summary>
    internal sealed record CheckRequest(IReadOnlyList<string> Families, string? DenyOn, string? ExemptionsFile, IReadOnlyList<string> AllowedRegistries);

    private static CheckRequest? CheckRequestOf(ParseResult parse) =>
        parse.GetValue(Checks) is { Length: > 0 } families
            ? new CheckRequest([.. Split(families)], parse.GetValue(DenyOn), parse.GetValue(Exemptions), [.. Split(parse.GetValue(AllowedRegistries))])
            : null;

    internal static async Task<int> RunAsync(WebhookOptions options, TextWriter error, CancellationToken cancellationToken, CheckRequest? checks = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (checks is not null)
        {
            var (admissionChecks, problem) = BuildChecks(checks);
            if (problem is not null)
            {
                await error.WriteLineAsync($"kubeguard webhook: {problem}").ConfigureAwait(false);
                return ExitCodes.InputError;
            }

            options = options with { Checks = admissionChecks };
        }

        WebApplication app;
        try
        {
            app = WebhookServer.Create(options);
        }
        catch (WebhookStartupException ex)
        {
            await error.WriteLineAsync($"kubeguard webhook: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.InputError;
        }

        await using (app.ConfigureAwait(false))
        {
            try
            {
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException ex)
            {
                await error.WriteLineAsync($"kubeguard webhook: cannot listen on {options.Listen}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.InputError;
            }

            // SIGTERM or Ctrl+C: stop accepting, finish in-flight reviews, then return.
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }

        return ExitCodes.Success;
    }

    /// <summary>The admission check options, or why they cannot be used (an unreadable or invalid exemptions file).</summary>
    internal static (AdmissionCheckOptions? Options, string? Problem) BuildChecks(CheckRequest request)
    {
        var families = request.Families.Any(f => string.Equals(f, "all", StringComparison.OrdinalIgnoreCase))
            ? [.. CheckFamilies.All]
            : request.Families.Select(f => CheckFamilies.TryParse(f, out var family) ? family : (CheckFamily?)null).OfType<CheckFamily>().ToList();
        var exemptions = ExemptionSet.Empty;
        if (request.ExemptionsFile is { } file)
        {
            try
            {
                exemptions = ExemptionsFile.Parse(File.ReadAllText(file), file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return (null, $"cannot read --exemptions {file}: {ex.Message}");
            }

            if (!exemptions.Problems.IsDefaultOrEmpty)
            {
                return (null, "invalid exemptions: " + string.Join("; ", exemptions.Problems));
            }
        }

        return (new AdmissionCheckOptions
        {
            Checks = CheckOptions.Default with { Families = [.. families], AllowedRegistries = [.. request.AllowedRegistries] },
            DenyOn = request.DenyOn is { } deny && Severities.TryParse(deny, out var severity) ? severity : null,
            Exemptions = exemptions,
        }, null);
    }

    private static IEnumerable<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static void ValidateFamilies(OptionResult result)
    {
        foreach (var name in Split(result.GetValueOrDefault<string[]>()))
        {
            if (!string.Equals(name, "all", StringComparison.OrdinalIgnoreCase) && !CheckFamilies.TryParse(name, out _))
            {
                result.AddError($"unknown check family \"{name}\" (expected all or {string.Join(", ", CheckFamilies.All.Select(f => f.ToWireString()))})");
            }
        }
    }
}
