namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-021. The lifecycle API is enabled (<c>--web.enable-lifecycle</c>): <c>/-/quit</c> stops
/// monitoring and <c>/-/reload</c> reloads configuration on request.
/// </summary>
/// <remarks>Read-only: inspects <c>/api/v1/status/flags</c>; never calls <c>/-/quit</c> or <c>/-/reload</c>.</remarks>
internal static class LifecycleApiEnabled
{
    public static readonly ProbeId Id = new("PROM-021", "lifecycle-api-enabled");

    public static Probe Definition { get; } = new(Id, "capability", "The lifecycle API is enabled",
        "Remove --web.enable-lifecycle; reload with SIGHUP or a config-reloader sidecar, and block /-/ at the reverse proxy.",
        (context, ct) => FlagCheck.RunAsync(context, "the lifecycle API", f => FlagCheck.True(f, "web.enable-lifecycle"), ct));
}
