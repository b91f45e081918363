namespace Kubeguard.Scanning.Manifests;

/// <summary>A 1-based line and column in a file.</summary>
internal readonly record struct SourceMark(int Line, int Column);
