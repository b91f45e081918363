using System.Collections.Immutable;

namespace Kubeguard.Scanning.Manifests;

/// <summary>Everything read from a set of inputs.</summary>
/// <param name="Documents">Objects read, in input order (list items expanded in place of their list).</param>
/// <param name="Invalid">Input that could not be read, in input order.</param>
/// <param name="Files">Files read (<c>&lt;stdin&gt;</c> for standard input), in order.</param>
/// <param name="DocumentCount">Non-empty YAML/JSON documents read, valid or not (a list counts once).</param>
public sealed record ManifestSet(ImmutableArray<ManifestDocument> Documents, ImmutableArray<InvalidDocument> Invalid, ImmutableArray<string> Files, int DocumentCount)
{
    private Inventory? _inventory;

    /// <summary>The objects indexed for cross-object questions.</summary>
    public Inventory Inventory => _inventory ??= new Inventory(Documents);
}
