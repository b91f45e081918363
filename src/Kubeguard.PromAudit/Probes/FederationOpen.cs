namespace Kubeguard.PromAudit.Probes;

/// <summary>
/// PROM-024. <c>/federate</c> answers: with a broad <c>match[]</c> it exports every series in bulk.
/// </summary>
/// <remarks>Requests: GET <c>/federate</c> with no <c>match[]</c>; a 200 with an empty body proves it is open.</remarks>
internal static class FederationOpen
{
    public static readonly ProbeId Id = new("PROM-024", "federation-open");

    public static Probe Definition { get; } = new(Id, "capability", "The federation endpoint is open",
        "Block /federate at the reverse proxy except for the federating Prometheus identities.",
        RunAsync);

    private static async Task<ProbeResult> RunAsync(AuditContext context, CancellationToken ct)
    {
        if (context.Blocker is { } blocker)
        {
            return ProbeResult.Inconclusive(blocker);
        }

        var federate = await context.GetAsync("/federate", ct).ConfigureAwait(false);
        if (federate.IsSuccess)
        {
            return ProbeResult.Exposed("/federate answers (bulk export is possible)", [$"GET /federate without match[]: {federate.Status}, {federate.Body.Length} bytes"]);
        }

        return federate.Failure == Http.FailureKind.None && federate.Status is 401 or 403 or 404
            ? ProbeResult.Clear($"/federate is not reachable ({federate.Describe()})")
            : ProbeResult.Inconclusive(federate.Describe());
    }
}
