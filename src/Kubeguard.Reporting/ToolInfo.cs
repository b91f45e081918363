namespace Kubeguard.Reporting;

/// <summary>The tool that produced a report.</summary>
/// <param name="Name">Name, e.g. <c>kubeguard</c>.</param>
/// <param name="Version">Version, e.g. <c>0.1.0</c>.</param>
public sealed record ToolInfo(string Name, string Version)
{
    /// <summary>The project page.</summary>
    public Uri? InformationUri { get; init; }

    /// <summary>Kubeguard itself, with the version of this assembly.</summary>
    public static ToolInfo Kubeguard { get; } = new("kubeguard", typeof(ToolInfo).Assembly.GetName().Version is { } v ? $"{v.Major}.{v.Minor}.{v.Build}" : "0.0.0");
}
