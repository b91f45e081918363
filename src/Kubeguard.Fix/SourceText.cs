using System.Text;

namespace Kubeguard.Fix;

/// <summary>
/// A file's text and the byte-level facts needed to write it back unchanged: the UTF-8 BOM is
/// stripped for parsing and restored on output.
/// </summary>
internal sealed record SourceText(string Text, bool HasBom)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Decodes UTF-8 (with or without BOM); throws <see cref="DecoderFallbackException"/> on other encodings.</summary>
    public static SourceText Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
        return new SourceText(StrictUtf8.GetString(bytes, bom ? 3 : 0, bytes.Length - (bom ? 3 : 0)), bom);
    }

    /// <summary>The bytes of <paramref name="text"/> in this source's encoding.</summary>
    public byte[] Encode(string text)
    {
        var body = StrictUtf8.GetBytes(text);
        return HasBom ? [0xEF, 0xBB, 0xBF, .. body] : body;
    }
}
