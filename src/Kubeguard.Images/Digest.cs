using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace Kubeguard.Images;

/// <summary>
/// A content digest, <c>algorithm:hex</c>. Only <c>sha256</c> is accepted: it is the only
/// algorithm OCI registries and cosign use for manifests, and every digest is recomputed here.
/// </summary>
public readonly record struct Digest
{
    /// <summary>The only supported algorithm.</summary>
    public const string Sha256 = "sha256";

    private Digest(string hex) => Hex = hex;

    /// <summary>Lower-case hex, 64 characters.</summary>
    public string Hex { get; }

    /// <summary>The tag prefix cosign derives from a digest: <c>sha256-&lt;hex&gt;</c>.</summary>
    public string TagForm => $"{Sha256}-{Hex}";

    /// <summary>The digest of <paramref name="content"/>.</summary>
    public static Digest Of(ReadOnlySpan<byte> content) => new(Convert.ToHexStringLower(SHA256.HashData(content)));

    /// <summary>Parses <c>sha256:&lt;64 lower-case hex&gt;</c>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Digest? digest)
    {
        digest = null;
        if (text is null || !text.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return false;
        }

        var hex = text[7..];
        if (!IsLowerHex(hex, 64))
        {
            return false;
        }

        digest = new Digest(hex);
        return true;
    }

    /// <summary>Parses a digest from a hex string (the in-toto <c>subject.digest.sha256</c> form).</summary>
    public static bool TryFromHex(string? hex, [NotNullWhen(true)] out Digest? digest)
    {
        digest = hex is not null && IsLowerHex(hex, 64) ? new Digest(hex) : null;
        return digest is not null;
    }

    /// <summary>Parses, throwing <see cref="FormatException"/> on bad input.</summary>
    public static Digest Parse(string text) =>
        TryParse(text, out var digest) ? digest.Value : throw new FormatException($"not a sha256 digest: \"{text}\"");

    /// <inheritdoc />
    public override string ToString() => $"{Sha256}:{Hex}";

    internal static bool IsLowerHex(string text, int length) =>
        text.Length == length && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');
}
