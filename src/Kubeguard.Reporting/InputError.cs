namespace Kubeguard.Reporting;

/// <summary>Input that could not be read or understood; everything else was still processed.</summary>
/// <param name="Location">Where: file, and line and document when known.</param>
/// <param name="Message">The reason, e.g. the parser's.</param>
public sealed record InputError(Location Location, string Message);
