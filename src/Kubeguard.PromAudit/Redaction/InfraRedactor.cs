using System.Text.RegularExpressions;

namespace Kubeguard.PromAudit.Redaction;

/// <summary>
/// Consistent stand-ins for infrastructure identifiers, for reports that leave the organisation:
/// the same IP or host name always becomes the same <c>ip-N</c> or <c>host-N</c> within one report.
/// Host names are those the audit learned (<see cref="AddHost"/>) plus any dotted name in a URL.
/// </summary>
public sealed partial class InfraRedactor
{
    private readonly Dictionary<string, string> _map = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);

    /// <summary>Registers a host name (node, pod host, ingress host) so it is replaced wherever it appears.</summary>
    public void AddHost(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (host.Length >= 3 && !Ipv4().IsMatch(host))
        {
            _hosts.Add(host);
        }
    }

    /// <summary>Replaces IPs and known host names in <paramref name="text"/>.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match m in UrlHost().Matches(text))
        {
            var host = m.Groups["host"].Value;
            if (!Ipv4().IsMatch(host) && host.Contains('.', StringComparison.Ordinal))
            {
                AddHost(host);
            }
        }

        text = Ipv4().Replace(text, m => StandIn(m.Value, "ip"));
        text = Ipv6().Replace(text, m => m.Value.Count(c => c == ':') >= 4 ? StandIn(m.Value, "ip") : m.Value);
        if (_hosts.Count > 0)
        {
            text = HostToken().Replace(text, m => _hosts.Contains(m.Value) ? StandIn(m.Value, "host") : m.Value);
        }

        return text;
    }

    private string StandIn(string value, string kind)
    {
        if (!_map.TryGetValue(value, out var standIn))
        {
            var n = _counters.GetValueOrDefault(kind) + 1;
            _counters[kind] = n;
            standIn = $"{kind}-{n}";
            _map[value] = standIn;
        }

        return standIn;
    }

    [GeneratedRegex(@"(?<![\d.])(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}(?![\d.])")]
    private static partial Regex Ipv4();

    [GeneratedRegex(@"(?<![0-9A-Fa-f:])(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}(?![0-9A-Fa-f:])")]
    private static partial Regex Ipv6();

    [GeneratedRegex(@"(?<![A-Za-z0-9.\-])[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*(?![A-Za-z0-9\-])")]
    private static partial Regex HostToken();

    [GeneratedRegex(@"://(?:[^@/\s]+@)?(?<host>[A-Za-z0-9.\-]+)")]
    private static partial Regex UrlHost();
}
