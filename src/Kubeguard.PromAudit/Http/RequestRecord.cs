namespace Kubeguard.PromAudit.Http;

/// <summary>One request the auditor made (or the gate refused), for the audit log.</summary>
/// <param name="Method">GET or POST.</param>
/// <param name="PathAndQuery">Path and query string (credentials are never in it).</param>
/// <param name="Status">HTTP status, 0 when none.</param>
/// <param name="Failure">Failure kind, <see cref="FailureKind.None"/> when answered.</param>
public sealed record RequestRecord(string Method, string PathAndQuery, int Status, FailureKind Failure);
