using System.Globalization;
using System.Text;

namespace Kubeguard.Fix.Editing;

/// <summary>A path into a document: mapping keys (strings) and sequence positions (ints).</summary>
internal sealed class FieldPath : IEquatable<FieldPath>
{
    private readonly object[] _segments;

    private FieldPath(object[] segments) => _segments = segments;

    public static FieldPath Root { get; } = new([]);

    public int Count => _segments.Length;

    [System.Runtime.CompilerServices.IndexerName("Segment")]
    public object this[int index] => _segments[index];

    public string? LastKey => _segments.Length > 0 ? _segments[^1] as string : null;

    public FieldPath? Parent => _segments.Length == 0 ? null : new FieldPath(_segments[..^1]);

    /// <summary>Parses a dotted path such as <c>spec.template.spec</c> (keys only).</summary>
    public static FieldPath Parse(string dotted) =>
        dotted.Length == 0 ? Root : new FieldPath([.. dotted.Split('.')]);

    public FieldPath Key(string key) => new([.. _segments, key]);

    public FieldPath Item(int index) => new([.. _segments, index]);

    public FieldPath Keys(params string[] keys) => new([.. _segments, .. keys]);

    public bool StartsWith(FieldPath prefix) =>
        prefix.Count <= Count && prefix._segments.AsSpan().SequenceEqual(_segments.AsSpan(0, prefix.Count));

    public IEnumerable<object> Segments => _segments;

    public bool Equals(FieldPath? other) => other is not null && _segments.AsSpan().SequenceEqual(other._segments);

    public override bool Equals(object? obj) => Equals(obj as FieldPath);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary><c>spec.containers[0].securityContext</c>; keys with dots or slashes are bracketed.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var segment in _segments)
        {
            if (segment is int index)
            {
                sb.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else if (segment is string key && (key.Contains('.', StringComparison.Ordinal) || key.Contains('/', StringComparison.Ordinal)))
            {
                sb.Append("[\"").Append(key).Append("\"]");
            }
            else
            {
                if (sb.Length > 0)
                {
                    sb.Append('.');
                }

                sb.Append(segment);
            }
        }

        return sb.ToString();
    }
}
