using System.Text;
using Kubeguard.Admission;
using Kubeguard.SupplyChain.Admission;
using Kubeguard.SupplyChain.Oci;
using Kubeguard.SupplyChain.Policy;
using Kubeguard.SupplyChain.Verification;
using Microsoft.AspNetCore.Http;

namespace Kubeguard.Webhook;

/// <summary>
/// Image signature verification at admission, opt-in with an <c>ImageVerificationPolicy</c>:
/// <c>POST /mutate-images</c> (a mutating webhook: pins verified Pod images to their digests, denies
/// per policy) and <c>POST /validate-images</c> (a validating webhook: the same decision, never a
/// patch). Transport only; the decision is <see cref="ImageAdmission"/>'s. A namespace labelled
/// <c>kubeguard.io/enforce-image-verification=true</c> also gets its workload templates denied.
/// </summary>
internal sealed class ImageEndpoint(ImageAdmission admission, RegistryClient client, INamespaceSource namespaces) : IDisposable
{
    /// <summary>The endpoint for <paramref name="options"/>, or null when no image policy is configured.</summary>
    /// <exception cref="WebhookStartupException">The policy, keys or credentials cannot be used.</exception>
    public static ImageEndpoint? Create(WebhookOptions options, INamespaceSource namespaces)
    {
        if (string.IsNullOrEmpty(options.ImagePolicyFile))
        {
            return null;
        }

        var loaded = PolicySource.Load(options.ImagePolicyFile, [], Read);
        if (loaded.Policy is null)
        {
            throw new WebhookStartupException(string.Join("; ", loaded.Errors));
        }

        var credentials = RegistryCredentials.None;
        if (options.ImageDockerConfigFile is { } configFile
            && (Read(configFile) is not { } json || !RegistryCredentials.TryParse(json, out credentials, out _)))
        {
            throw new WebhookStartupException($"cannot read docker config {configFile}");
        }

        var registryOptions = new RegistryClientOptions { Credentials = credentials, Timeout = TimeSpan.FromSeconds(4), InsecureRegistries = options.ImageInsecureRegistries };
        if (registryOptions.Validate() is { Count: > 0 } errors)
        {
            throw new WebhookStartupException(string.Join("; ", errors));
        }

        var client = new RegistryClient(registryOptions);
        return new ImageEndpoint(new ImageAdmission(new ImageVerifier(client, loaded.Policy)), client, namespaces);
    }

    public Task MutateAsync(HttpContext http) => HandleAsync(http, allowPatches: true);

    public Task ValidateAsync(HttpContext http) => HandleAsync(http, allowPatches: false);

    public void Dispose() => client.Dispose();

    private async Task HandleAsync(HttpContext http, bool allowPatches)
    {
        if (http.Request.ContentLength > AdmissionEndpoint.MaxBodyBytes)
        {
            await RejectAsync(http, StatusCodes.Status413PayloadTooLarge, $"request body exceeds the limit of {AdmissionEndpoint.MaxBodyBytes} bytes").ConfigureAwait(false);
            return;
        }

        string body;
        using (var reader = new StreamReader(http.Request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(http.RequestAborted).ConfigureAwait(false);
        }

        string answer;
        try
        {
            answer = await AdmissionReviewHandler.HandleAsync(body, admission, EnforcesAsync, allowPatches, http.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            await RejectAsync(http, StatusCodes.Status400BadRequest, ex.Message).ConfigureAwait(false);
            return;
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(answer, http.RequestAborted).ConfigureAwait(false);
    }

    private async ValueTask<bool> EnforcesAsync(string name, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        var lookup = await namespaces.GetNamespaceAsync(name, cancellationToken).ConfigureAwait(false);
        return lookup.Labels?.GetValueOrDefault(ImageAdmission.EnforceWorkloadsLabel) == "true";
    }

    private static async Task RejectAsync(HttpContext http, int statusCode, string reason)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(reason.ReplaceLineEndings(" ") + "\n", http.RequestAborted).ConfigureAwait(false);
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
