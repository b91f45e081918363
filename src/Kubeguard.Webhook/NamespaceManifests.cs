using Kubeguard.Admission;

namespace Kubeguard.Webhook;

/// <summary>What a file of Namespace (and Pod) manifests held.</summary>
/// <param name="Source">The namespaces and pods of every readable document.</param>
/// <param name="Problems">Documents ignored or not readable, with file and line, in document order.</param>
/// <param name="BrokenDocuments">How many documents could not be read at all (not valid YAML or not the kind they claim).</param>
public sealed record NamespaceManifests(StaticNamespaceSource Source, IReadOnlyList<string> Problems, int BrokenDocuments);
