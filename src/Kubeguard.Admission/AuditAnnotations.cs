namespace Kubeguard.Admission;

/// <summary>The audit annotation keys Pod Security Admission produces (unprefixed).</summary>
public static class AuditAnnotations
{
    /// <summary>The enforce LevelVersion applied to a pod.</summary>
    public const string EnforcePolicy = "enforce-policy";

    /// <summary>The audit-level violation text.</summary>
    public const string AuditViolations = "audit-violations";

    /// <summary>Why the request was exempt: <c>namespace</c>, <c>user</c> or <c>runtimeClass</c>.</summary>
    public const string Exempt = "exempt";

    /// <summary>An error that prevented normal evaluation.</summary>
    public const string Error = "error";
}
