namespace Kubeguard.Webhook;

/// <summary>The outcome of one check of the namespaces file.</summary>
public enum NamespaceFileCheck
{
    /// <summary>The content is what was last seen.</summary>
    Unchanged,

    /// <summary>The content changed; it is applied if it is the same at the next check.</summary>
    Pending,

    /// <summary>The new content is in force.</summary>
    Reloaded,

    /// <summary>The file changed but cannot be used (unreadable, empty, broken YAML); the last good content stays.</summary>
    Kept,
}
