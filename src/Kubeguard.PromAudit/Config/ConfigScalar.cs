namespace Kubeguard.PromAudit.Config;

/// <summary>One scalar in the running configuration.</summary>
/// <param name="Path">Where it is, e.g. <c>scrape_configs[1].params.apikey[0]</c>.</param>
/// <param name="Key">The nearest mapping key (<c>apikey</c>).</param>
/// <param name="Parents">Mapping keys from the root down to (not including) <paramref name="Key"/>.</param>
/// <param name="Value">The scalar text.</param>
public sealed record ConfigScalar(string Path, string Key, IReadOnlyList<string> Parents, string Value);
