using System.IO.Compression;
using System.Text;

namespace Kubeguard.Checks.Tee;

/// <summary>
/// Decoded init-data: <c>version</c>, <c>algorithm</c> and the <c>[data]</c> entries, with
/// <c>aa.toml</c> and <c>cdh.toml</c> parsed. <see cref="Error"/> says why decoding stopped; a
/// value with an error is never treated as a safe configuration.
/// </summary>
/// <param name="Error">Why the value could not be decoded, or null.</param>
/// <param name="Data">The <c>[data]</c> entries (file name to text).</param>
public sealed record InitData(string? Error, IReadOnlyDictionary<string, string> Data)
{
    /// <summary>Largest encoded annotation value read (the API server's annotation limit is 256 KiB).</summary>
    public const int MaxEncodedLength = 256 * 1024;

    /// <summary>Largest decompressed document read; larger ones are reported, not inflated further.</summary>
    public const int MaxDecodedLength = 1024 * 1024;

    /// <summary>The versions the CoCo runtime accepts.</summary>
    public static IReadOnlyList<string> Versions { get; } = ["0.1.0"];

    /// <summary>The digest algorithms the CoCo runtime accepts.</summary>
    public static IReadOnlyList<string> Algorithms { get; } = ["sha256", "sha384", "sha512"];

    /// <summary>The whole document as parsed, or null when decoding failed earlier.</summary>
    public Dictionary<string, object>? Document { get; init; }

    /// <summary>The parsed <c>aa.toml</c>, or null (absent or not TOML; see <see cref="NestedErrors"/>).</summary>
    public Dictionary<string, object>? Aa { get; init; }

    /// <summary>The parsed <c>cdh.toml</c>, or null (absent or not TOML; see <see cref="NestedErrors"/>).</summary>
    public Dictionary<string, object>? Cdh { get; init; }

    /// <summary>Problems with the nested TOML files, e.g. <c>cdh.toml: line 3: …</c>.</summary>
    public IReadOnlyList<string> NestedErrors { get; init; } = [];

    /// <summary>True when decoding succeeded.</summary>
    public bool IsValid => Error is null;

    /// <summary>The <c>policy.rego</c> entry, or null.</summary>
    public string? PolicyRego => Data.TryGetValue("policy.rego", out var v) ? v : null;

    /// <summary>Decodes base64, then gzip, then TOML, then checks version and algorithm.</summary>
    public static InitData Decode(string? encoded)
    {
        var empty = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = (encoded ?? string.Empty).Trim();
        if (text.Length == 0)
        {
            return new InitData("the value is empty", empty);
        }

        if (text.Length > MaxEncodedLength)
        {
            return new InitData($"the value is {text.Length} characters, more than the {MaxEncodedLength} read", empty);
        }

        byte[] compressed;
        try
        {
            compressed = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return new InitData("the value is not base64", empty);
        }

        if (compressed.Length < 2 || compressed[0] != 0x1f || compressed[1] != 0x8b)
        {
            return new InitData("the decoded value is not gzip", empty);
        }

        string toml;
        try
        {
            using var input = new MemoryStream(compressed);
            using var gzip = new GZipStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = gzip.Read(buffer, 0, buffer.Length)) > 0)
            {
                if (output.Length + read > MaxDecodedLength)
                {
                    return new InitData($"the decompressed value is larger than {MaxDecodedLength} bytes", empty);
                }

                output.Write(buffer, 0, read);
            }

            toml = new UTF8Encoding(false, true).GetString(output.ToArray());
        }
        catch (InvalidDataException)
        {
            return new InitData("the decoded value is not valid gzip", empty);
        }
        catch (DecoderFallbackException)
        {
            return new InitData("the decompressed value is not UTF-8 text", empty);
        }

        return FromToml(toml);
    }

    /// <summary>Parses the TOML document (already decompressed).</summary>
    public static InitData FromToml(string toml)
    {
        var empty = new Dictionary<string, string>(StringComparer.Ordinal);
        var document = SmallToml.TryParse(toml, out var error);
        if (document is null)
        {
            return new InitData($"the decompressed value is not TOML ({error})", empty);
        }

        var version = SmallToml.At(document, "version") as string;
        if (version is null || !Versions.Contains(version))
        {
            return new InitData(version is null ? "it has no version" : $"version \"{version}\" is not one the runtime accepts ({string.Join(", ", Versions)})", empty) { Document = document };
        }

        var algorithm = SmallToml.At(document, "algorithm") as string;
        if (algorithm is null || !Algorithms.Contains(algorithm))
        {
            return new InitData(algorithm is null ? "it has no algorithm" : $"algorithm \"{algorithm}\" is not one of {string.Join(", ", Algorithms)}", empty) { Document = document };
        }

        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (SmallToml.At(document, "data") is Dictionary<string, object> table)
        {
            foreach (var (key, value) in table)
            {
                data[key] = value as string ?? value.ToString() ?? string.Empty;
            }
        }

        var nested = new List<string>();
        return new InitData(null, data)
        {
            Document = document,
            Aa = Nested(data, "aa.toml", nested),
            Cdh = Nested(data, "cdh.toml", nested),
            NestedErrors = nested,
        };
    }


    private static Dictionary<string, object>? Nested(Dictionary<string, string> data, string name, List<string> errors)
    {
        if (!data.TryGetValue(name, out var text))
        {
            return null;
        }

        var parsed = SmallToml.TryParse(text, out var error);
        if (parsed is null)
        {
            errors.Add($"{name}: {error}");
        }

        return parsed;
    }
}
