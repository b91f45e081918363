using System.Net;
using System.Net.Http.Headers;
using Kubeguard.Images;

namespace Kubeguard.SupplyChain.Tests.Registry;

/// <summary>Pushes blobs and manifests with plain OCI distribution calls (POST + PUT ?digest=, PUT manifest).</summary>
public sealed class RegistryWriter : IDisposable
{
    private readonly HttpClient _http;

    public RegistryWriter(Uri baseUri, (string User, string Password)? basic = null)
    {
        _http = new HttpClient { BaseAddress = baseUri };
        if (basic is { } credential)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{credential.User}:{credential.Password}")));
        }
    }

    public async Task<Digest> PushBlobAsync(string repository, byte[] content)
    {
        var digest = Digest.Of(content);
        using var start = await _http.PostAsync(new Uri($"/v2/{repository}/blobs/uploads/", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var location = start.Headers.Location!;
        var absolute = location.IsAbsoluteUri ? location : new Uri(_http.BaseAddress!, location);
        var separator = absolute.Query.Length > 0 ? "&" : "?";
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var put = await _http.PutAsync(new Uri($"{absolute}{separator}digest={digest}"), body);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        return digest;
    }

    public async Task<Digest> PushManifestAsync(string repository, string reference, byte[] manifest, string mediaType)
    {
        using var body = new ByteArrayContent(manifest);
        body.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var put = await _http.PutAsync(new Uri($"/v2/{repository}/manifests/{reference}", UriKind.Relative), body);
        Assert.True(put.StatusCode == HttpStatusCode.Created, $"PUT manifest {repository}:{reference}: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        return Digest.Of(manifest);
    }

    public void Dispose() => _http.Dispose();
}
