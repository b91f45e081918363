using Kubeguard.Images;

namespace Kubeguard.SupplyChain.Tests.Registry;

/// <summary>Where the test signer pushes: the real registry (over HTTP) or the in-process fake.</summary>
public interface IRegistryStore
{
    Task<Digest> PushBlobAsync(string repository, byte[] content);

    Task<Digest> PushManifestAsync(string repository, string reference, byte[] manifest, string mediaType);
}

public sealed class HttpRegistryStore(Uri baseUri, (string User, string Password)? basic = null) : IRegistryStore, IDisposable
{
    private readonly RegistryWriter _writer = new(baseUri, basic);

    public Task<Digest> PushBlobAsync(string repository, byte[] content) => _writer.PushBlobAsync(repository, content);

    public Task<Digest> PushManifestAsync(string repository, string reference, byte[] manifest, string mediaType) =>
        _writer.PushManifestAsync(repository, reference, manifest, mediaType);

    public void Dispose() => _writer.Dispose();
}
