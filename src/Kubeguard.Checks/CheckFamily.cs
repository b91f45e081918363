namespace Kubeguard.Checks;

/// <summary>The families of checks beyond Pod Security; each can be switched on or off.</summary>
public enum CheckFamily
{
    /// <summary>Where images come from and whether they can change under the same name.</summary>
    SupplyChain,

    /// <summary>Service-account tokens and which identity a pod runs as.</summary>
    WorkloadIdentity,

    /// <summary>What a Service, Ingress or missing NetworkPolicy opens to the network.</summary>
    NetworkExposure,

    /// <summary>Node-to-node encryption of pod traffic by the CNI.</summary>
    EncryptionInTransit,

    /// <summary>RBAC permissions an attacker uses to move from one foothold to the cluster.</summary>
    Rbac,

    /// <summary>Confidential (TEE) workloads: whether a TEE pod really keeps the host out.</summary>
    Tee,
}

/// <summary>Wire names of <see cref="CheckFamily"/> (kebab-case, as typed on the command line).</summary>
public static class CheckFamilies
{
    /// <summary>Every family, in catalog order.</summary>
    public static IReadOnlyList<CheckFamily> All { get; } =
        [CheckFamily.SupplyChain, CheckFamily.WorkloadIdentity, CheckFamily.NetworkExposure, CheckFamily.EncryptionInTransit, CheckFamily.Rbac, CheckFamily.Tee];

    /// <summary>The kebab-case name, e.g. <c>supply-chain</c>.</summary>
    public static string ToWireString(this CheckFamily family) => family switch
    {
        CheckFamily.SupplyChain => "supply-chain",
        CheckFamily.WorkloadIdentity => "workload-identity",
        CheckFamily.NetworkExposure => "network-exposure",
        CheckFamily.EncryptionInTransit => "encryption-in-transit",
        CheckFamily.Rbac => "rbac",
        CheckFamily.Tee => "tee",
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "unknown family"),
    };

    /// <summary>Parses a kebab-case family name.</summary>
    public static bool TryParse(string? text, out CheckFamily family)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToWireString(), text?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                family = candidate;
                return true;
            }
        }

        family = default;
        return false;
    }
}
