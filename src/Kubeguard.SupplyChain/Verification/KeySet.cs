namespace Kubeguard.SupplyChain.Verification;

/// <summary>Tries every configured key; at most the matching hint narrows the choice, it never adds a key.</summary>
internal static class KeySet
{
    /// <summary>The first key that verifies the signature over <paramref name="data"/>, or null.</summary>
    public static VerificationKey? FirstVerifying(IReadOnlyList<VerificationKey> keys, ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        foreach (var key in keys)
        {
            if (key.Verify(data, signature))
            {
                return key;
            }
        }

        return null;
    }

    public static string Names(IReadOnlyList<VerificationKey> keys) =>
        keys.Count == 0 ? "no keys" : string.Join(", ", keys.Select(k => $"\"{k.Name}\""));
}
