namespace Kubeguard.Fix.Yaml;

/// <summary>
/// One document of a YAML file: its text span, its root node (null for an empty document) or the
/// parse error that stopped it.
/// </summary>
/// <param name="Index">1-based position among the file's documents.</param>
/// <param name="Start">Offset of the document's first character (its <c>---</c> line if any).</param>
/// <param name="End">Offset just after the document's last character.</param>
/// <param name="Line">1-based line of the document's first content.</param>
/// <param name="Root">The root node; null when empty or broken.</param>
/// <param name="Error">The parse error with its line, when the document is broken.</param>
internal sealed record YamlDocument(int Index, int Start, int End, int Line, YamlNode? Root, string? Error);
