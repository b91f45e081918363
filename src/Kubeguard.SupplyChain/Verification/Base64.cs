namespace Kubeguard.SupplyChain.Verification;

/// <summary>Decodes base64 in the standard or the URL-safe alphabet, padded or not (the protobuf JSON mapping accepts both).</summary>
internal static class Base64
{
    public static byte[]? TryDecode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var normalized = text.Replace('-', '+').Replace('_', '/');
        var padding = (4 - (normalized.Length % 4)) % 4;
        if (padding == 3)
        {
            return null;
        }

        normalized += new string('=', padding);
        try
        {
            return Convert.FromBase64String(normalized);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
