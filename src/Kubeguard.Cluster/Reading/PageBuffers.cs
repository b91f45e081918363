namespace Kubeguard.Cluster.Reading;

/// <summary>
/// The byte buffers a lister reads pages into, reused from page to page. A lister holds at most two
/// pages (the one being walked and the one in flight), so a few buffers sized like a page serve a
/// whole cluster; the shared array pool would keep a buffer of every size a page grew through.
/// </summary>
internal sealed class PageBuffers
{
    private const int InitialSize = 256 * 1024;
    private const int Kept = 3;
    private readonly Stack<byte[]> _free = new();

    public byte[] Rent()
    {
        lock (_free)
        {
            return _free.Count > 0 ? _free.Pop() : new byte[InitialSize];
        }
    }

    /// <summary>A larger buffer holding the first <paramref name="length"/> bytes of <paramref name="buffer"/>; the smaller one is let go.</summary>
    public static byte[] Grow(byte[] buffer, int length)
    {
        var larger = new byte[buffer.Length * 2];
        buffer.AsSpan(0, length).CopyTo(larger);
        return larger;
    }

    public void Return(byte[] buffer)
    {
        lock (_free)
        {
            if (_free.Count < Kept)
            {
                _free.Push(buffer);
            }
        }
    }
}
