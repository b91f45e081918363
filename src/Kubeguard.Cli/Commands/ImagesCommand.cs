using System.CommandLine;
using System.Globalization;
using Kubeguard.SupplyChain.Oci;
using Kubeguard.SupplyChain.Policy;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.Cli.Commands;

/// <summary>What <c>kubeguard images verify</c> was asked to do.</summary>
/// <param name="Images">Image references given with <c>--image</c>.</param>
/// <param name="PolicyPath">The <c>--policy</c> file, or null.</param>
/// <param name="KeyPaths">The <c>--key</c> files (the quick form).</param>
/// <param name="DockerConfigPath">The <c>--docker-config</c> file, or null for the default location.</param>
/// <param name="InsecureRegistries">The <c>--insecure-registry</c> hosts (loopback only).</param>
/// <param name="TimeoutSeconds">The per-request timeout.</param>
/// <param name="Concurrency">Registry requests in flight at once.</param>
/// <param name="Format"><c>table</c> or <c>json</c>.</param>
/// <param name="Pin">Print every verified reference pinned to its digest.</param>
internal sealed record ImagesVerifyRequest(
    IReadOnlyList<string> Images,
    string? PolicyPath,
    IReadOnlyList<string> KeyPaths,
    string? DockerConfigPath,
    IReadOnlyList<string> InsecureRegistries,
    double TimeoutSeconds,
    int Concurrency,
    string Format,
    bool Pin);

/// <summary>
/// <c>kubeguard images verify</c>: verifies image signatures and attestations with keys the user
/// holds (legacy cosign and Sigstore bundles), resolving each tag once and reporting the digest
/// verified; <c>--pin</c> prints the references pinned to those digests. Exit codes: 0 every image
/// passed, 1 an image failed verification, 2 usage or configuration error (policy, keys, docker
/// config, options), 3 input could not be read.
/// </summary>
internal static class ImagesCommand
{
    private static readonly Option<string[]> Image = new("--image", "-i") { Description = "An image reference to verify (repeatable).", AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string?> PolicyFile = new("--policy") { Description = "An ImageVerificationPolicy file (kubeguard.io/v1alpha1)." };
    private static readonly Option<string[]> Key = new("--key") { Description = "A PEM public key (cosign.pub); quick form: every image, signed by any one key (repeatable)." };
    private static readonly Option<string?> DockerConfig = new("--docker-config") { Description = "Docker config file with registry credentials (default: $DOCKER_CONFIG/config.json or ~/.docker/config.json)." };
    private static readonly Option<string[]> Insecure = new("--insecure-registry") { Description = "Speak plain HTTP to this registry HOST:PORT; loopback only (repeatable)." };
    private static readonly Option<double> Timeout = new("--timeout") { Description = "Per-request registry timeout in seconds.", DefaultValueFactory = _ => 10 };
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "Registry requests in flight at once.", DefaultValueFactory = _ => 8 };
    private static readonly Option<string> Format = new("--format", "-o") { Description = "Output format: table or json.", DefaultValueFactory = _ => "table" };
    private static readonly Option<bool> Pin = new("--pin") { Description = "Print each verified reference pinned to the digest that was verified (repo:tag@sha256:…)." };

    public static Command Create()
    {
        Format.AcceptOnlyFromAmong("table", "json");
        var verify = new Command("verify", "Verify image signatures and attestations with your keys (cosign legacy and Sigstore bundle formats), offline from any transparency log.")
        {
            Image, PolicyFile, Key, DockerConfig, Insecure, Timeout, Concurrency, Format, Pin,
        };
        verify.SetAction((parse, ct) => RunAsync(
            new ImagesVerifyRequest(
                parse.GetValue(Image) ?? [],
                parse.GetValue(PolicyFile),
                parse.GetValue(Key) ?? [],
                parse.GetValue(DockerConfig),
                parse.GetValue(Insecure) ?? [],
                parse.GetValue(Timeout),
                parse.GetValue(Concurrency),
                parse.GetValue(Format) ?? "table",
                parse.GetValue(Pin)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            ReadFile,
            null,
            ct));
        return new Command("images", "Image supply chain: signatures, attestations, digests.") { verify };
    }

    internal static async Task<int> RunAsync(ImagesVerifyRequest request, TextWriter output, TextWriter error, Func<string, string?> readFile, HttpMessageHandler? handler, CancellationToken cancellationToken)
    {
        var loaded = PolicySource.Load(request.PolicyPath, request.KeyPaths, readFile);
        var credentials = RegistryCredentials.None;
        var configErrors = loaded.Errors.ToList();
        var dockerConfig = request.DockerConfigPath ?? DefaultDockerConfig();
        if (dockerConfig is not null && readFile(dockerConfig) is { } configJson)
        {
            if (!RegistryCredentials.TryParse(configJson, out credentials, out var credentialError))
            {
                configErrors.Add($"{dockerConfig}: {credentialError}");
            }
        }
        else if (request.DockerConfigPath is not null)
        {
            configErrors.Add($"cannot read docker config {request.DockerConfigPath}");
        }

        var options = new RegistryClientOptions
        {
            Timeout = TimeSpan.FromSeconds(request.TimeoutSeconds),
            MaxConcurrency = request.Concurrency,
            InsecureRegistries = request.InsecureRegistries,
            Credentials = credentials,
        };
        configErrors.AddRange(options.Validate());
        if (request.Images.Count == 0)
        {
            configErrors.Add("no images given: use --image REF (repeatable)");
        }

        if (configErrors.Count > 0)
        {
            foreach (var message in configErrors)
            {
                await error.WriteLineAsync($"kubeguard: {message}").ConfigureAwait(false);
            }

            return ExitCodes.UsageError;
        }

        using var client = new RegistryClient(options, handler);
        var verifier = new ImageVerifier(client, loaded.Policy!);
        var report = new ImageReport(await verifier.VerifyAllAsync(request.Images, cancellationToken).ConfigureAwait(false));
        if (request.Format == "json")
        {
            report.WriteJson(output);
        }
        else
        {
            report.WriteTable(output);
        }

        if (request.Pin)
        {
            foreach (var result in report.Results.Where(r => r.Reason == Reason.Verified))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"pin: {result.Reference} -> {result.Pinned}")).ConfigureAwait(false);
            }
        }

        return report.HasFailures ? ExitCodes.Findings : ExitCodes.Success;
    }

    private static string? ReadFile(string path)
    {
        try
        {
            return path == "-" ? Console.In.ReadToEnd() : File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    private static string? DefaultDockerConfig()
    {
        var directory = Environment.GetEnvironmentVariable("DOCKER_CONFIG")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");
        var path = Path.Combine(directory, "config.json");
        return File.Exists(path) ? path : null;
    }
}
