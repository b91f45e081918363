namespace Kubeguard.PromAudit;

/// <summary>One instant-vector sample: its labels and value.</summary>
/// <param name="Labels">Label set.</param>
/// <param name="Value">Sample value.</param>
public sealed record Series(IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>A label's value, or empty.</summary>
    public string this[string label] => Labels.TryGetValue(label, out var v) ? v : "";
}
