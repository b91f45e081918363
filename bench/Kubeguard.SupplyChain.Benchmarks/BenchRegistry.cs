using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Kubeguard.SupplyChain.Oci;
using Kubeguard.Images;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.SupplyChain.Benchmarks;

/// <summary>
/// Debian's docker-registry on 127.0.0.1 with a temporary config and storage, filled with signed
/// images through plain OCI distribution calls; stopped by PID.
/// </summary>
internal sealed class BenchRegistry : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "kubeguard-bench-" + Guid.NewGuid().ToString("N"));
    private readonly Process _process;
    private readonly HttpClient _http;

    public BenchRegistry()
    {
        Directory.CreateDirectory(Path.Combine(_directory, "store"));
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            Host = $"127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
        }

        var config = Path.Combine(_directory, "config.yml");
        File.WriteAllText(config, $"version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: {Path.Combine(_directory, "store")}\nhttp:\n  addr: {Host}\n");
        _process = Process.Start(new ProcessStartInfo("/usr/bin/docker-registry") { ArgumentList = { "serve", config }, RedirectStandardError = true, RedirectStandardOutput = true })!;
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        _http = new HttpClient { BaseAddress = new Uri($"http://{Host}") };
        for (var i = 0; i < 500; i++)
        {
            try
            {
                using var response = _http.GetAsync(new Uri("/v2/", UriKind.Relative)).GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            Thread.Sleep(20);
        }

        throw new InvalidOperationException("docker-registry did not start");
    }

    public string Host { get; }

    /// <summary>Pushes an image tagged v1 and a legacy cosign signature for it.</summary>
    public async Task<Digest> PushSignedImageAsync(string repository, ECDsa key)
    {
        var config = Encoding.UTF8.GetBytes($"{{\"architecture\":\"amd64\",\"os\":\"linux\",\"repo\":\"{repository}\"}}");
        var configDigest = await PushBlobAsync(repository, config);
        var manifest = Encoding.UTF8.GetBytes($"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciManifest}\",\"config\":{{\"mediaType\":\"{MediaTypes.OciConfig}\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}},\"layers\":[]}}");
        var digest = await PushManifestAsync(repository, "v1", manifest);
        var payload = Encoding.UTF8.GetBytes($"{{\"critical\":{{\"identity\":{{\"docker-reference\":\"{Host}/{repository}\"}},\"image\":{{\"docker-manifest-digest\":\"{digest}\"}},\"type\":\"cosign container image signature\"}},\"optional\":null}}");
        var payloadDigest = await PushBlobAsync(repository, payload);
        var signature = Convert.ToBase64String(key.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        var sig = Encoding.UTF8.GetBytes($"{{\"schemaVersion\":2,\"mediaType\":\"{MediaTypes.OciManifest}\",\"config\":{{\"mediaType\":\"{MediaTypes.OciConfig}\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}},\"layers\":[{{\"mediaType\":\"{SimpleSigning.MediaType}\",\"digest\":\"{payloadDigest}\",\"size\":{payload.Length},\"annotations\":{{\"{SimpleSigning.SignatureAnnotation}\":\"{signature}\"}}}}]}}");
        await PushManifestAsync(repository, digest.TagForm + ".sig", sig);
        return digest;
    }

    public void Dispose()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<Digest> PushBlobAsync(string repository, byte[] content)
    {
        var digest = Digest.Of(content);
        using var start = await _http.PostAsync(new Uri($"/v2/{repository}/blobs/uploads/", UriKind.Relative), null);
        var location = start.Headers.Location!;
        var absolute = location.IsAbsoluteUri ? location : new Uri(_http.BaseAddress!, location);
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await _http.PutAsync(new Uri($"{absolute}{(absolute.Query.Length > 0 ? "&" : "?")}digest={digest}"), body);
        put.EnsureSuccessStatusCode();
        return digest;
    }

    private async Task<Digest> PushManifestAsync(string repository, string reference, byte[] manifest)
    {
        using var body = new ByteArrayContent(manifest);
        body.Headers.ContentType = new MediaTypeHeaderValue(MediaTypes.OciManifest);
        using var put = await _http.PutAsync(new Uri($"/v2/{repository}/manifests/{reference}", UriKind.Relative), body);
        put.EnsureSuccessStatusCode();
        return Digest.Of(manifest);
    }
}
