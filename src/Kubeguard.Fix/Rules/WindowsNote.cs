namespace Kubeguard.Fix.Rules;

/// <summary>The suggestion for Windows pods, which may not carry Linux-only fields.</summary>
internal static class WindowsNote
{
    public const string Text = "Windows pods must not set Linux-only fields; target v1.25 or later, where Windows pods are exempt from this check";
}
