using Kubeguard.SupplyChain.Oci;
using Kubeguard.SupplyChain.Policy;
using Kubeguard.SupplyChain.Verification;

namespace Kubeguard.SupplyChain.Tests.Registry;

public static class Policies
{
    public static VerificationRule Rule(string name, IReadOnlyList<VerificationKey> keys, int threshold = 1, IReadOnlyList<AttestationRequirement>? attestations = null, string images = "**") =>
        new(name, [new ImageGlob(images)], [], keys, threshold, attestations ?? []);

    public static ImageVerificationPolicy Of(params VerificationRule[] rules) =>
        new("test", rules, NoMatchAction.Deny, EnforcementMode.Enforce);

    public static RegistryClient Client(string host, HttpMessageHandler? handler = null, TimeSpan? timeout = null, RegistryCredentials? credentials = null) =>
        new(new RegistryClientOptions
        {
            InsecureRegistries = [host],
            Timeout = timeout ?? TimeSpan.FromSeconds(10),
            Credentials = credentials ?? RegistryCredentials.None,
        }, handler);
}
