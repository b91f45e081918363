using System.Buffers;
using System.Text.Json;

namespace Kubeguard.Cluster.Reading;

/// <summary>
/// Copies one object's JSON without the parts no check reads: top-level fields such as
/// <c>status</c> (a pod's container statuses, a node's image list) or a Secret's <c>data</c>, and
/// <c>metadata.managedFields</c> (often the largest part of an object). The bytes of everything kept
/// are copied as they are; nothing is re-serialised.
/// </summary>
internal static class JsonSlimmer
{
    private static ReadOnlySpan<byte> Metadata => "metadata"u8;

    private static ReadOnlySpan<byte> ManagedFields => "managedFields"u8;

    /// <summary>Writes the slimmed copy of the object in <paramref name="json"/> to <paramref name="output"/>.</summary>
    public static void Write(ReadOnlySpan<byte> json, IBufferWriter<byte> output, IReadOnlyList<byte[]> dropped)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            output.Write(json);
            return;
        }

        CopyObject(ref reader, json, output, depth: 0, dropped);
    }

    // The reader stands on the object's StartObject; on return it stands on its EndObject.
    private static void CopyObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, IBufferWriter<byte> output, int depth, IReadOnlyList<byte[]> dropped)
    {
        output.Write("{"u8);
        var first = true;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var nameStart = (int)reader.TokenStartIndex;
            var drop = (depth == 0 && Dropped(ref reader, dropped))
                || (depth == 1 && reader.ValueTextEquals(ManagedFields));
            var recurse = depth == 0 && reader.ValueTextEquals(Metadata);
            reader.Read();
            if (drop)
            {
                reader.Skip();
                continue;
            }

            if (!first)
            {
                output.Write(","u8);
            }

            first = false;
            if (recurse && reader.TokenType == JsonTokenType.StartObject)
            {
                output.Write(json[nameStart..(int)reader.TokenStartIndex]);
                CopyObject(ref reader, json, output, depth + 1, dropped);
                continue;
            }

            reader.Skip();
            output.Write(json[nameStart..(int)reader.BytesConsumed]);
        }

        output.Write("}"u8);
    }

    private static bool Dropped(ref Utf8JsonReader reader, IReadOnlyList<byte[]> dropped)
    {
        foreach (var name in dropped)
        {
            if (reader.ValueTextEquals(name))
            {
                return true;
            }
        }

        return false;
    }
}
