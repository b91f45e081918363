namespace Kubeguard.Admission;

/// <summary>The result of looking up a namespace: its labels, or an error text.</summary>
public readonly record struct NamespaceLookup
{
    private NamespaceLookup(IReadOnlyDictionary<string, string>? labels, string? error, IReadOnlyDictionary<string, string>? annotations = null)
    {
        Labels = labels;
        Error = error;
        Annotations = annotations;
    }

    /// <summary>The namespace's labels (empty when it has none); null on error.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; }

    /// <summary>The namespace's annotations, when the source reads them; null otherwise.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; }

    /// <summary>Why the lookup failed; null on success.</summary>
    public string? Error { get; }

    /// <summary>A found namespace.</summary>
    public static NamespaceLookup Found(IReadOnlyDictionary<string, string>? labels) =>
        new(labels ?? new Dictionary<string, string>(), null);

    /// <summary>A found namespace with its labels and annotations.</summary>
    public static NamespaceLookup Found(IReadOnlyDictionary<string, string>? labels, IReadOnlyDictionary<string, string>? annotations) =>
        new(labels ?? new Dictionary<string, string>(), null, annotations ?? new Dictionary<string, string>());

    /// <summary>A failed lookup, e.g. <c>namespaces "x" not found</c>.</summary>
    public static NamespaceLookup Failed(string error) => new(null, error);

    /// <summary>The API server's not-found text for a namespace.</summary>
    public static NamespaceLookup NotFound(string name) => Failed($"namespaces {Policy.GoText.Quote(name)} not found");
}
