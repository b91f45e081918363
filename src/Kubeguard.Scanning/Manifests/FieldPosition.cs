namespace Kubeguard.Scanning.Manifests;

/// <summary>The source position of a field inside a document.</summary>
/// <param name="Line">1-based line of the field's key (or of the list item).</param>
/// <param name="Column">1-based column.</param>
/// <param name="ResolvedPath">The part of the requested path that exists (the whole path when <paramref name="Exact"/>).</param>
/// <param name="Exact">True when the whole path exists; otherwise the position is that of its deepest existing parent.</param>
public sealed record FieldPosition(int Line, int Column, string ResolvedPath, bool Exact);
