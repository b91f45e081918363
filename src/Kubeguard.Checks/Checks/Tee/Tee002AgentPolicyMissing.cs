namespace Kubeguard.Checks.Tee;

/// <summary>TEE-002: no agent policy reaches the guest, or not in a measured way.</summary>
internal static class Tee002AgentPolicyMissing
{
    public const string Id = "tee-002";

    public static InventoryCheck Definition { get; } = new(
        Id,
        CheckFamily.Tee,
        "Missing or ineffective agent policy",
        "Without an agent policy the upstream guest image falls back to allow-all: the host can exec into the containers, read and write their streams and replace the policy. The obsolete init-data key is silently ignored, and a policy sent in the agent.policy annotation is not measured upstream, so attestation cannot tell which policy the guest enforces.",
        "Generate a policy with genpolicy, az confcom katapolicygen, contrast generate or eks-nitro-sandbox-genpolicy, and deliver it in io.katacontainers.config.hypervisor.cc_init_data so its digest is attested.",
        Evaluate)
    {
        Reads = ["Pod", "workloads", "RuntimeClass"],
    };

    private static IEnumerable<CheckHit> Evaluate(CheckContext context)
    {
        foreach (var pod in TeeIntent.Intended(context.Inventory, context.Options.TeeClasses))
        {
            var platform = pod.Class?.Platform;
            if (pod.Kind == TeeClassKind.None && pod.IntentSource is not null && !pod.HasTeeAnnotation)
            {
                continue; // TEE-013 covers a declared intent without any confidential runtime.
            }

            if (platform == TeePlatform.Eks && pod.Kind == TeeClassKind.Tee)
            {
                if (pod.Annotation(TeeAnnotations.SandboxPolicy) is null)
                {
                    yield return TeeHits.On(pod, pod.AnnotationPath(TeeAnnotations.SandboxPolicy), "tee-002/sandbox-without-policy", $"{pod.Describe()} needs a Cedar policy in {TeeAnnotations.SandboxPolicy} and has none");
                }

                continue;
            }

            var initData = TeeHits.InitDataOf(pod);
            var agentPolicy = pod.Annotation(TeeAnnotations.AgentPolicy);
            if (initData is { IsValid: false })
            {
                yield return TeeHits.On(pod, pod.AnnotationPath(TeeAnnotations.InitData), "tee-002/undecodable", $"init-data cannot be decoded: {initData.Error}; the pod will not start", "init-data decoded");
                continue;
            }

            if (initData?.PolicyRego is not null)
            {
                continue;
            }

            if (agentPolicy is not null)
            {
                if (platform == TeePlatform.Upstream)
                {
                    yield return TeeHits.On(pod, pod.AnnotationPath(TeeAnnotations.AgentPolicy), "tee-002/policy-not-measured", $"the policy comes only from {TeeAnnotations.AgentPolicy}, which upstream Kata sends after boot without measuring it ({pod.Describe()})");
                }

                continue;
            }

            if (platform == TeePlatform.Aks)
            {
                yield return TeeHits.On(pod, pod.Workload.Pod.MetadataPath + ".annotations", "tee-002/aks-without-policy", $"{pod.Describe()} has no {TeeAnnotations.AgentPolicy}; generate one with az confcom katapolicygen");
                continue;
            }

            if (pod.Annotation(TeeAnnotations.ObsoleteInitData) is not null)
            {
                yield return TeeHits.On(pod, pod.AnnotationPath(TeeAnnotations.ObsoleteInitData), "tee-002/obsolete-init-data", $"init-data is only in the obsolete {TeeAnnotations.ObsoleteInitData}, ignored since Kata 3.21 / Confidential Containers v0.16, so the guest runs allow-all");
                continue;
            }

            yield return TeeHits.On(pod, pod.Workload.Pod.MetadataPath + ".annotations", "tee-002/no-policy", initData is null
                ? $"no agent policy: neither init-data with policy.rego nor {TeeAnnotations.AgentPolicy}, so the guest falls back to allow-all ({pod.Describe()})"
                : $"init-data has no policy.rego and there is no {TeeAnnotations.AgentPolicy}, so the guest falls back to allow-all ({pod.Describe()})");
        }
    }
}
