using System.Buffers;
using System.Runtime.InteropServices;

namespace Kubeguard.Cluster.Reading;

/// <summary>
/// One page of a list call, kept as the bytes the API server sent. Items are turned into
/// KubernetesClient models one at a time while <see cref="Items"/> is enumerated, so a page never
/// exists as hundreds of models at once. Valid until disposed (the lister disposes it after its
/// consumer returns).
/// </summary>
public sealed class ListPage : IDisposable
{
    private readonly ResourceKind _kind;
    private readonly IReadOnlyList<(int Start, int Length)> _items;
    private readonly Action<byte[]> _release;
    private byte[]? _buffer;

    internal ListPage(ResourceKind kind, byte[] buffer, Action<byte[]> release, IReadOnlyList<(int Start, int Length)> items, string? continueToken, string? resourceVersion)
    {
        _kind = kind;
        _buffer = buffer;
        _release = release;
        _items = items;
        Continue = continueToken;
        ResourceVersion = resourceVersion;
    }

    /// <summary>How many objects are on the page.</summary>
    public int Count => _items.Count;

    /// <summary>The token for the next page; null or empty on the last page.</summary>
    public string? Continue { get; }

    /// <summary>The list's resource version.</summary>
    public string? ResourceVersion { get; }

    /// <summary>
    /// The objects as models (without <c>status</c>, <c>metadata.managedFields</c> and, for Secrets,
    /// <c>data</c>), each made when reached.
    /// </summary>
    public IEnumerable<object> Items => Entries.Select(e => e.Model);

    /// <summary>
    /// Each object as a model with the slimmed JSON it was made from; the JSON is valid only until
    /// the next entry is reached (copy it to keep it).
    /// </summary>
    public IEnumerable<ListEntry> Entries
    {
        get
        {
            var scratch = new ArrayBufferWriter<byte>(4096);
            foreach (var (start, length) in _items)
            {
                var buffer = _buffer ?? throw new ObjectDisposedException(nameof(ListPage));
                scratch.ResetWrittenCount();
                JsonSlimmer.Write(buffer.AsSpan(start, length), scratch, _kind.Dropped);
                if (MemoryMarshal.TryGetArray(scratch.WrittenMemory, out var json) && _kind.Read(json) is { } model)
                {
                    yield return new ListEntry(model, scratch.WrittenMemory);
                }
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_buffer is { } buffer)
        {
            _buffer = null;
            _release(buffer);
        }
    }
}

/// <summary>An object of a page: its model and the (slimmed) JSON it was read from.</summary>
/// <param name="Model">The KubernetesClient model (or an unstructured object for custom resources).</param>
/// <param name="Json">The JSON; valid until the next entry of the page is reached.</param>
public readonly record struct ListEntry(object Model, ReadOnlyMemory<byte> Json);
