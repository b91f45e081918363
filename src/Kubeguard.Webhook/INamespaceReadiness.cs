namespace Kubeguard.Webhook;

/// <summary>Whether a namespace source can answer yet (its cache is synced).</summary>
public interface INamespaceReadiness
{
    /// <summary>True once lookups are answered from a complete view.</summary>
    bool IsReady { get; }
}
