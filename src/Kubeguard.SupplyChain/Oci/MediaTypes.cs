namespace Kubeguard.SupplyChain.Oci;

/// <summary>The OCI and Docker media types the client speaks.</summary>
public static class MediaTypes
{
    /// <summary>OCI image index.</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>OCI image manifest.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>Docker manifest list (multi-arch).</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>Docker image manifest, schema 2.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>OCI image config.</summary>
    public const string OciConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>The OCI empty descriptor's media type (<c>{}</c>).</summary>
    public const string OciEmpty = "application/vnd.oci.empty.v1+json";

    /// <summary>
    /// Every manifest type, for <c>Accept</c>: a registry (distribution 2.8) answers 404 when the
    /// stored manifest's type is missing from the list, even with <c>*/*</c>.
    /// </summary>
    public static IReadOnlyList<string> AllManifests { get; } = [OciIndex, OciManifest, DockerManifestList, DockerManifest];

    /// <summary>True for the two index (multi-arch) types.</summary>
    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;
}
