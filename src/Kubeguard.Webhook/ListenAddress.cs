using System.Globalization;
using System.Net;

namespace Kubeguard.Webhook;

/// <summary>A parsed <c>HOST:PORT</c>.</summary>
/// <param name="Address">The IP address to bind.</param>
/// <param name="Port">The port (0 picks a free one).</param>
public sealed record ListenAddress(IPAddress Address, int Port)
{
    /// <summary>Parses <c>HOST:PORT</c>; the host is an IP address (IPv6 in brackets) or <c>localhost</c>.</summary>
    public static ListenAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port > 65535)
        {
            throw new WebhookStartupException($"--listen {text}: expected HOST:PORT, e.g. 0.0.0.0:8443");
        }

        var host = text[..colon].Trim('[', ']');
        if (host == "localhost")
        {
            return new ListenAddress(IPAddress.Loopback, port);
        }

        return IPAddress.TryParse(host, out var address)
            ? new ListenAddress(address, port)
            : throw new WebhookStartupException($"--listen {text}: the host must be an IP address or localhost");
    }
}
