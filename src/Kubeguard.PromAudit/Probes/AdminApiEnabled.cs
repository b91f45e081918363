namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-020. The TSDB admin API is enabled (<c>--web.enable-admin-api</c>): anyone who reaches it
/// can delete series (erase evidence) or trigger snapshots (fill the disk).
/// </summary>
/// <remarks>Read-only: inspects <c>/api/v1/status/flags</c>; never calls an admin endpoint.
/// Elevated when the server answers without authentication.</remarks>
internal static class AdminApiEnabled
{
    public static readonly ProbeId Id = new("PROM-020", "admin-api-enabled");

    public static Probe Definition { get; } = new(Id, "capability", "The TSDB admin API is enabled",
        "Remove --web.enable-admin-api; if it is needed, allow /api/v1/admin/ only to operators at the reverse proxy.",
        (context, ct) => FlagCheck.RunAsync(context, "the admin API", f => FlagCheck.True(f, "web.enable-admin-api"), ct));
}
