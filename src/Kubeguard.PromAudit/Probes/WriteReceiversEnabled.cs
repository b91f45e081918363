namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-022. A write receiver is enabled: remote write (<c>--web.enable-remote-write-receiver</c>,
/// or <c>--enable-feature=remote-write-receiver</c> on 2.25–2.32) or OTLP
/// (<c>--enable-feature=otlp-write-receiver</c> 2.47+, <c>--web.enable-otlp-receiver</c> 3.x).
/// Anyone who reaches it can forge series, hide activity and poison alerts.
/// </summary>
/// <remarks>Read-only: inspects <c>/api/v1/status/flags</c>; never calls <c>/api/v1/write</c> or <c>/api/v1/otlp/</c>.
/// The OTLP flags do not exist on 2.42, so on that version only remote write can be seen.</remarks>
internal static class WriteReceiversEnabled
{
    public static readonly ProbeId Id = new("PROM-022", "write-receivers-enabled");

    public static Probe Definition { get; } = new(Id, "capability", "A write receiver is enabled",
        "Disable the receiver, or require authentication and mTLS for /api/v1/write and /api/v1/otlp/ from known senders only.",
        (context, ct) => FlagCheck.RunAsync(context, "a write receiver", Enabled, ct))
    {
        Limitations = "OTLP receiver flags appear only from 2.47 (feature) and 3.x (flag).",
    };

    private static IReadOnlyList<string> Enabled(IReadOnlyDictionary<string, string> flags)
    {
        var hits = FlagCheck.True(flags, "web.enable-remote-write-receiver", "web.enable-otlp-receiver").ToList();
        var features = flags.GetValueOrDefault("enable-feature", "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        hits.AddRange(features.Where(f => f is "remote-write-receiver" or "otlp-write-receiver").Select(f => $"flag enable-feature: {f}"));
        return hits;
    }
}
