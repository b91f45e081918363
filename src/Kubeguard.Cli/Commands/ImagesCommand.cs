using System.Collections.Immutable;
using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubeguard.Reporting;
using Kubeguard.Scanning.Manifests;
using Kubeguard.SupplyChain.Admission;
using Kubeguard.SupplyChain.Manifests;
using Kubeguard.SupplyChain.Oci;
using Kubeguard.SupplyChain.Pinning;
using Kubeguard.SupplyChain.Policy;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.Cli.Commands;

/// <summary>What <c>kubeguard images verify</c> was asked to do.</summary>
/// <param name="Paths">Manifest files, folders, or <c>-</c> for standard input.</param>
/// <param name="Images">Image references given with <c>--image</c>.</param>
/// <param name="PolicyPath">The <c>--policy</c> file, or null.</param>
/// <param name="KeyPaths">The <c>--key</c> files (the quick form).</param>
/// <param name="DockerConfigPath">The <c>--docker-config</c> file, or null for the default location; a pod's <c>imagePullSecrets</c> in the input take precedence for its images.</param>
/// <param name="InsecureRegistries">The <c>--insecure-registry</c> hosts (loopback only).</param>
/// <param name="TimeoutSeconds">The per-request timeout.</param>
/// <param name="Concurrency">Registry requests in flight at once.</param>
/// <param name="Format">A report format name (table, json, sarif, junit).</param>
/// <param name="Pin">Print JSON patches that pin every verified tag instead of the report.</param>
/// <param name="Cluster">Also verify the images of the running pods and workloads of a live cluster (<c>--cluster</c>).</param>
/// <param name="Kubeconfig">The <c>--kubeconfig</c> file for <paramref name="Cluster"/>, or null for the default.</param>
/// <param name="Context">The <c>--context</c> for <paramref name="Cluster"/>, or null.</param>
/// <param name="Namespaces">The <c>--namespace</c>s to read with <paramref name="Cluster"/>; null or empty: all.</param>
/// <param name="Write">With <paramref name="Pin"/>: rewrite the manifest files in place (byte-preserving) instead of only printing patches.</param>
internal sealed record ImagesVerifyRequest(
    IReadOnlyList<string> Paths,
    IReadOnlyList<string> Images,
    string? PolicyPath,
    IReadOnlyList<string> KeyPaths,
    string? DockerConfigPath,
    IReadOnlyList<string> InsecureRegistries,
    double TimeoutSeconds,
    int Concurrency,
    string Format,
    bool Pin,
    bool Cluster = false,
    string? Kubeconfig = null,
    string? Context = null,
    IReadOnlyList<string>? Namespaces = null,
    bool Write = false);

/// <summary>
/// <c>kubeguard images verify</c>: verifies the signatures and attestations of every image of every
/// pod-bearing object in the manifests (and of <c>--image</c> references) with keys the user holds,
/// in the legacy cosign and Sigstore bundle formats, resolving each tag once. <c>--pin</c> prints
/// JSON patches that pin each verified tag to the digest that was verified. Exit codes: 0 every
/// image passed, 1 an image failed verification, 2 usage or configuration error (policy, keys,
/// docker config, options), 3 some input could not be read (everything else was verified).
/// </summary>
internal static class ImagesCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Manifest files or folders (searched for *.yaml, *.yml, *.json), or - for standard input.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var image = new Option<string[]>("--image", "-i") { Description = "An image reference to verify, besides those in manifests (repeatable)." };
        var policy = new Option<string?>("--policy") { Description = "An ImageVerificationPolicy file (kubeguard.io/v1alpha1)." };
        var key = new Option<string[]>("--key") { Description = "A PEM public key (cosign.pub); quick form: every image, signed by any one key (repeatable)." };
        var dockerConfig = new Option<string?>("--docker-config") { Description = "Docker config file with registry credentials (default: $DOCKER_CONFIG/config.json or ~/.docker/config.json)." };
        var insecure = new Option<string[]>("--insecure-registry") { Description = "Speak plain HTTP to this registry HOST:PORT; loopback only (repeatable)." };
        var timeout = new Option<double>("--timeout") { Description = "Per-request registry timeout in seconds.", DefaultValueFactory = _ => 10 };
        var concurrency = new Option<int>("--concurrency") { Description = "Registry requests in flight at once.", DefaultValueFactory = _ => 8 };
        var format = new Option<string>("--format", "-o") { Description = "Report format: table, json, sarif or junit.", DefaultValueFactory = _ => "table" };
        var write = new Option<bool>("--write") { Description = "With --pin: rewrite each verified tag to tag@digest in the manifest files themselves (only the image scalars change; every other byte is kept)." };
        var cluster = new Option<bool>("--cluster") { Description = "Also verify the images of every pod and pod-bearing workload of a live cluster (read-only list calls)." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "Kubeconfig file for --cluster (default: $KUBECONFIG, ~/.kube/config, then the in-cluster service account)." };
        var context = new Option<string?>("--context") { Description = "Kubeconfig context for --cluster." };
        var namespaces = new Option<string[]>("--namespace", "-n") { Description = "Namespace to read with --cluster (repeatable); default: all namespaces.", AllowMultipleArgumentsPerToken = true };
        var pin = new Option<bool>("--pin") { Description = "Print JSON patches that pin each verified tag to its verified digest (repo:tag@sha256:…) instead of the report." };
        format.AcceptOnlyFromAmong([.. ReportWriters.Names]);
        var verify = new Command("verify", "Verify image signatures and attestations with your keys (cosign legacy and Sigstore bundle formats), offline from any transparency log.")
        {
            paths, image, policy, key, dockerConfig, insecure, timeout, concurrency, format, pin, write, cluster, kubeconfig, context, namespaces,
        };
        verify.SetAction((parse, ct) => RunAsync(
            new ImagesVerifyRequest(
                parse.GetValue(paths) ?? [],
                parse.GetValue(image) ?? [],
                parse.GetValue(policy),
                parse.GetValue(key) ?? [],
                parse.GetValue(dockerConfig),
                parse.GetValue(insecure) ?? [],
                parse.GetValue(timeout),
                parse.GetValue(concurrency),
                parse.GetValue(format) ?? "table",
                parse.GetValue(pin),
                parse.GetValue(cluster),
                parse.GetValue(kubeconfig),
                parse.GetValue(context),
                parse.GetValue(namespaces) ?? [],
                parse.GetValue(write)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            ReadFile,
            Console.In,
            null,
            ct));
        return new Command("images", "Image supply chain: signatures, attestations, digests.") { verify };
    }

    internal static async Task<int> RunAsync(
        ImagesVerifyRequest request, TextWriter output, TextWriter error, Func<string, string?> readFile, TextReader standardInput, HttpMessageHandler? handler, CancellationToken cancellationToken)
    {
        var configErrors = new List<string>();
        var loaded = PolicySource.Load(request.PolicyPath, request.KeyPaths, readFile);
        configErrors.AddRange(loaded.Errors);
        var credentials = LoadCredentials(request.DockerConfigPath, readFile, configErrors);
        var options = new RegistryClientOptions
        {
            Timeout = TimeSpan.FromSeconds(request.TimeoutSeconds),
            MaxConcurrency = request.Concurrency,
            InsecureRegistries = request.InsecureRegistries,
            Credentials = credentials,
        };
        configErrors.AddRange(options.Validate());
        configErrors.AddRange(ManifestLoader.MissingPaths(request.Paths).Select(p => $"{p}: no such file or directory"));
        if (request.Paths.Count == 0 && request.Images.Count == 0 && !request.Cluster)
        {
            configErrors.Add("nothing to verify: give manifest paths (or - for standard input), --image REF and/or --cluster");
        }

        if (request.Write && !request.Pin)
        {
            configErrors.Add("--write needs --pin");
        }

        if (!request.Cluster && (request.Kubeconfig is not null || request.Context is not null || request.Namespaces is { Count: > 0 }))
        {
            configErrors.Add("--kubeconfig, --context and --namespace need --cluster");
        }

        if (!ReportWriters.TryParseFormat(request.Format, out var reportFormat))
        {
            configErrors.Add($"unknown format \"{request.Format}\"");
        }

        if (configErrors.Count > 0)
        {
            foreach (var message in configErrors)
            {
                await error.WriteLineAsync($"kubeguard: {message}").ConfigureAwait(false);
            }

            return ExitCodes.UsageError;
        }

        var manifests = request.Paths.Count > 0 ? new ManifestLoader().Load(request.Paths, standardInput) : new ManifestSet([], [], [], 0);
        var found = manifests.Documents.SelectMany(d => PodImages.Find(d.Kind, d.Raw).Select(i => (Document: d, Image: i))).ToList();
        var uses = found.Select(f => new ImageUse(f.Image.Reference, f.Document.LocationOf(ImageUse.ToFieldPath(f.Image.Path)), f.Document.Subject)).ToList();
        var clusterProblems = new List<string>();
        if (request.Cluster)
        {
            var (live, problem) = await ClusterImages.ReadAsync(request, cancellationToken).ConfigureAwait(false);
            uses.AddRange(live);
            clusterProblems.AddRange(problem);
            if (live.Count == 0 && problem.Count > 0 && request.Paths.Count == 0 && request.Images.Count == 0)
            {
                foreach (var line in problem)
                {
                    await error.WriteLineAsync($"kubeguard: {line}").ConfigureAwait(false);
                }

                return ExitCodes.InputError;
            }
        }

        var pullSecrets = PullSecrets.From(manifests.Documents.Select(d => d.Raw));
        var notes = new List<string>();
        options = options with
        {
            Credentials = pullSecrets.Apply(credentials, manifests.Documents.SelectMany(d => PullSecrets.Images(d.Kind, d.Raw)), notes),
        };
        foreach (var line in pullSecrets.Errors.Concat(notes).Concat(clusterProblems))
        {
            await error.WriteLineAsync($"kubeguard: {line}").ConfigureAwait(false);
        }

        using var client = new RegistryClient(options, handler);
        var verifier = new ImageVerifier(client, loaded.Policy!);
        var results = await verifier.VerifyAllAsync(uses.Select(u => u.Reference).Concat(request.Images), cancellationToken).ConfigureAwait(false);
        var invalid = request.Paths.Count > 0 ? manifests.Invalid : [];
        if (request.Pin)
        {
            await output.WriteLineAsync(PinsJson(manifests, results, request.Images)).ConfigureAwait(false);
            if (request.Write)
            {
                foreach (var line in ManifestPinWriter.Write(manifests.Files, results))
                {
                    await error.WriteLineAsync($"kubeguard: {line}").ConfigureAwait(false);
                }
            }
        }
        else
        {
            var counters = ImmutableArray.Create(
                new KeyValuePair<string, int>("files", request.Paths.Count > 0 ? manifests.Files.Length : 0),
                new KeyValuePair<string, int>("images", uses.Count + request.Images.Count),
                new KeyValuePair<string, int>("references", results.Count),
                new KeyValuePair<string, int>("digests", ImageReport.DistinctDigests(results)));
            var report = ImageReport.ToReport(results, uses, invalid.Select(i => i.ToInputError()), counters);
            ReportWriters.For(reportFormat).Write(report, output);
        }

        foreach (var problem in invalid)
        {
            await error.WriteLineAsync($"kubeguard: {problem}").ConfigureAwait(false);
        }

        return results.Any(r => !r.Passed) ? ExitCodes.Findings : invalid.Length > 0 || pullSecrets.Errors.Count > 0 || clusterProblems.Count > 0 ? ExitCodes.InputError : ExitCodes.Success;
    }

    private static string PinsJson(ManifestSet manifests, IReadOnlyList<ImageVerification> results, IReadOnlyList<string> images)
    {
        var documents = new JsonArray();
        var byReference = results.ToDictionary(r => r.Reference, StringComparer.Ordinal);
        foreach (var document in manifests.Documents)
        {
            var patches = ImagePins.For(document.Kind, document.Raw, byReference);
            if (patches.Count == 0)
            {
                continue;
            }

            documents.Add((JsonNode)new JsonObject
            {
                ["file"] = document.Location.File,
                ["line"] = document.Location.Line,
                ["listItem"] = document.ListItemPath,
                ["kind"] = document.Kind,
                ["namespace"] = document.Namespace,
                ["name"] = document.Name,
                ["patch"] = new JsonArray([.. patches.Select(p => (JsonNode)new JsonObject { ["op"] = "replace", ["path"] = p.Path, ["value"] = p.Value })]),
            });
        }

        var direct = new JsonArray([.. results
            .Where(r => images.Contains(r.Reference, StringComparer.Ordinal) && r.Reason == Reason.Verified)
            .Select(r => (JsonNode)new JsonObject { ["reference"] = r.Reference, ["pinned"] = r.Pinned })]);
        return new JsonObject { ["documents"] = documents, ["images"] = direct }.ToJsonString(Indented);
    }

    private static RegistryCredentials LoadCredentials(string? path, Func<string, string?> readFile, List<string> errors)
    {
        var file = path ?? DefaultDockerConfig();
        if (file is null)
        {
            return RegistryCredentials.None;
        }

        if (readFile(file) is not { } json)
        {
            if (path is not null)
            {
                errors.Add($"cannot read docker config {path}");
            }

            return RegistryCredentials.None;
        }

        if (!RegistryCredentials.TryParse(json, out var credentials, out var problem))
        {
            errors.Add($"{file}: {problem}");
        }

        return credentials;
    }

    private static string? ReadFile(string path)
    {
        try
        {
            return File.ReadAllText(path);
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
