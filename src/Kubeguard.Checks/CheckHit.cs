namespace Kubeguard.Checks;

/// <summary>What a check found, before the evaluator stamps its ID and severity on it.</summary>
/// <param name="Subject">The object to change (or exempt).</param>
/// <param name="Location">Where that object was read from.</param>
/// <param name="JsonPath">Path of the offending field inside the object, e.g. <c>spec.template.spec.containers[0].image</c>.</param>
/// <param name="Message">One sentence naming the offender and what is wrong.</param>
public sealed record CheckHit(ObjectRef Subject, SourceLocation Location, string JsonPath, string Message)
{
    /// <summary>The container concerned, when the finding is about one.</summary>
    public string? Container { get; init; }

    /// <summary>The image concerned, when the finding is about one.</summary>
    public string? Image { get; init; }

    /// <summary>The sub-case severity for checks with several (the TEE checks); null takes the severity table's, as does a user override.</summary>
    public Severity? Severity { get; init; }

    /// <summary>Creates a hit on an inventory object.</summary>
    public static CheckHit On(InventoryObject item, string jsonPath, string message)
    {
        ArgumentNullException.ThrowIfNull(item);
        return new CheckHit(item.Ref, item.Location, jsonPath, message);
    }
}

/// <summary>A finding of a check beyond Pod Security.</summary>
/// <param name="CheckId">The check's ID.</param>
/// <param name="Family">The check's family.</param>
/// <param name="Severity">Severity from the run's severity table.</param>
/// <param name="Subject">The object to change (or exempt).</param>
/// <param name="Location">Where that object was read from.</param>
/// <param name="JsonPath">Path of the offending field inside the object.</param>
/// <param name="Message">One sentence naming the offender and what is wrong.</param>
/// <param name="Fix">What to change (the check's fix text).</param>
public sealed record CheckFinding(
    string CheckId, CheckFamily Family, Severity Severity, ObjectRef Subject, SourceLocation Location, string JsonPath, string Message, string Fix)
{
    /// <summary>The container concerned, when the finding is about one.</summary>
    public string? Container { get; init; }

    /// <summary>The image concerned, when the finding is about one.</summary>
    public string? Image { get; init; }

    /// <summary>The image digest (<c>sha256:…</c>) when the image is pinned.</summary>
    public string? ImageDigest => Image is null ? null : ImageReference.Parse(Image).Digest;
}
