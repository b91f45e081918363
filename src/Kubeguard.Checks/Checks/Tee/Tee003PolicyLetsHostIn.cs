namespace Kubeguard.Checks.Tee;

/// <summary>TEE-003: the agent policy allows requests that let the host into the guest.</summary>
internal static class Tee003PolicyLetsHostIn
{
    public const string Id = "tee-003";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Tee,
        "Agent policy lets the host in",
        "The agent policy is the only thing between the untrusted host and the containers in the guest. A policy that allows exec, stream writes, file copies or SetPolicy, or that sets AllowRequestsFailingPolicy, hands the host a shell, stdin or a way to replace the policy after attestation.",
        "Regenerate the policy with the default settings (exec, streams and SetPolicy denied), allow exact argv for needed commands, keep AllowRequestsFailingPolicy := false and deny ReadStreamRequest if logs are sensitive.",
        Evaluate)
    {
        Reads = ["Pod", "workloads"],
    };

    private static readonly (string Request, string SubCase, string What)[] Requests =
    [
        ("AllowRequestsFailingPolicy", "tee-003/allow-failing", "AllowRequestsFailingPolicy is on: the agent allows every request the policy denies"),
        ("SetPolicyRequest", "tee-003/set-policy", "SetPolicyRequest is allowed: the host can replace the policy after attestation"),
        ("ExecProcessRequest", "tee-003/exec", "ExecProcessRequest is allowed: the host can run commands in the containers"),
        ("WriteStreamRequest", "tee-003/write-stream", "WriteStreamRequest is allowed: the host can write to container stdin"),
        ("CopyFileRequest", "tee-003/copy-file", "CopyFileRequest is allowed: the host can copy files into the guest"),
        ("ReadStreamRequest", "tee-003/read-stream", "ReadStreamRequest is allowed: container output is visible to the host"),
    ];

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var pod in TeeIntent.Intended(context.Inventory, context.Options.TeeClasses))
        {
            var sources = new List<(RegoPolicy Policy, string Path, string Evidence)>();
            if (TeeHits.InitDataOf(pod) is { IsValid: true, PolicyRego: { } rego })
            {
                sources.Add((RegoPolicy.Scan(rego), pod.AnnotationPath(TeeAnnotations.InitData), "policy.rego in init-data, scanned without evaluating Rego"));
            }

            if (pod.Annotation(TeeAnnotations.AgentPolicy) is { } annotated)
            {
                sources.Add((RegoPolicy.FromBase64(annotated), pod.AnnotationPath(TeeAnnotations.AgentPolicy), "agent.policy annotation, scanned without evaluating Rego"));
            }

            foreach (var (policy, path, evidence) in sources)
            {
                if (policy.Error is not null)
                {
                    yield return TeeHits.On(pod, path, "tee-003/review", $"review the agent policy: {policy.Error}", evidence);
                    continue;
                }

                foreach (var (request, subCase, what) in Requests)
                {
                    var result = policy.Classify(request);
                    if (result.Verdict == RequestVerdict.Allowed)
                    {
                        var key = request == "ReadStreamRequest" && pod.Class?.Platform == TeePlatform.Contrast ? "tee-003/read-stream-contrast" : subCase;
                        yield return TeeHits.On(pod, path, key, $"{what} ({result.Reason})", evidence);
                    }
                    else if (result.Verdict == RequestVerdict.Review)
                    {
                        yield return TeeHits.On(pod, path, "tee-003/review", $"review {request}: {result.Reason}", evidence);
                    }
                }
            }
        }
    }
}
