using System.Globalization;
using System.Text;

namespace Kubeguard.Testing.KubeApi;

/// <summary>An opaque continue token: the list's resource version and the next item's offset, base64-encoded as the real server does with its key.</summary>
internal static class ContinueToken
{
    public static string Write(string resourceVersion, int start) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"v\":\"meta.k8s.io/v1\",\"rv\":{resourceVersion},\"start\":{start}}}"));

    public static bool TryRead(string token, out string resourceVersion, out int start)
    {
        resourceVersion = string.Empty;
        start = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            var rv = text.IndexOf("\"rv\":", StringComparison.Ordinal);
            var st = text.IndexOf(",\"start\":", StringComparison.Ordinal);
            if (rv < 0 || st < 0)
            {
                return false;
            }

            resourceVersion = text[(rv + 5)..st];
            return int.TryParse(text[(st + 9)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out start);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
