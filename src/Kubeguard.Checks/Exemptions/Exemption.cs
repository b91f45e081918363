using System.Collections.Immutable;

namespace Kubeguard.Checks.Exemptions;

/// <summary>
/// Permission for one check to stay silent about matching findings until a date. Every key
/// that is set must match; at least one of namespace, kind, name, container or image digest is set.
/// </summary>
/// <param name="CheckId">The check it silences.</param>
/// <param name="Reason">Why the finding is accepted.</param>
/// <param name="Owner">Who answers for it.</param>
/// <param name="Expires">The last day it applies (inclusive).</param>
/// <param name="Source">Where it was written: <c>file:line</c>, or the annotated object.</param>
public sealed record Exemption(string CheckId, string Reason, string Owner, DateOnly Expires, string Source)
{
    /// <summary>Namespace of the subject; objects that name no namespace match <c>default</c>.</summary>
    public string? Namespace { get; init; }

    /// <summary>Kind of the subject, e.g. <c>Deployment</c>.</summary>
    public string? Kind { get; init; }

    /// <summary>Name of the subject.</summary>
    public string? Name { get; init; }

    /// <summary>Container name.</summary>
    public string? Container { get; init; }

    /// <summary>Image digest, e.g. <c>sha256:…</c>: the exemption follows the image bytes, not the name.</summary>
    public string? ImageDigest { get; init; }

    /// <summary>For an inline exemption, the object whose annotation it is; it matches only that object.</summary>
    public ObjectRef? OnlyFor { get; init; }

    /// <summary>True when the exemption no longer applies on <paramref name="today"/>.</summary>
    public bool IsExpired(DateOnly today) => Expires < today;

    /// <summary>True when every key that is set matches the finding.</summary>
    public bool Matches(ExemptionKey key)
    {
        var subject = key.Subject;
        return key.CheckId == CheckId
            && (OnlyFor is null || OnlyFor == subject)
            && (Namespace is null || Namespace == (subject.Namespace ?? Inventory.DefaultNamespace))
            && (Kind is null || Kind == subject.Kind)
            && (Name is null || Name == subject.Name)
            && (Container is null || Container == key.Container)
            && (ImageDigest is null || ImageDigest == key.ImageDigest);
    }
}

/// <summary>What an exemption is matched against.</summary>
/// <param name="CheckId">The check that found it.</param>
/// <param name="Subject">The object it is about.</param>
/// <param name="Container">The container, when it is about one.</param>
/// <param name="ImageDigest">The image digest, when the image is pinned.</param>
public readonly record struct ExemptionKey(string CheckId, ObjectRef Subject, string? Container, string? ImageDigest);

/// <summary>An exemption that could not be used, and why.</summary>
/// <param name="Source">File and line, or the annotated object.</param>
/// <param name="Message">What is wrong.</param>
public sealed record ExemptionProblem(string Source, string Message)
{
    /// <summary><c>source: message</c>.</summary>
    public override string ToString() => $"{Source}: {Message}";
}

/// <summary>The exemptions read from a file, and the entries that were rejected.</summary>
/// <param name="Exemptions">Valid exemptions (expired ones included; they are reported when applied).</param>
/// <param name="Problems">Rejected entries; they exempt nothing.</param>
public sealed record ExemptionSet(ImmutableArray<Exemption> Exemptions, ImmutableArray<ExemptionProblem> Problems)
{
    /// <summary>No exemptions.</summary>
    public static ExemptionSet Empty { get; } = new([], []);
}

/// <summary>A finding an exemption silenced.</summary>
/// <typeparam name="T">The finding type.</typeparam>
/// <param name="Finding">The finding.</param>
/// <param name="By">The exemption that applied.</param>
public sealed record ExemptedFinding<T>(T Finding, Exemption By);

/// <summary>The result of applying exemptions.</summary>
/// <typeparam name="T">The finding type.</typeparam>
/// <param name="Active">Findings no exemption applies to, in input order.</param>
/// <param name="Exempted">Findings that were silenced, with the exemption.</param>
/// <param name="Expired">Exemptions past their date: they applied to nothing.</param>
/// <param name="Problems">File entries and inline annotations that were rejected.</param>
public sealed record ExemptionOutcome<T>(
    ImmutableArray<T> Active, ImmutableArray<ExemptedFinding<T>> Exempted, ImmutableArray<Exemption> Expired, ImmutableArray<ExemptionProblem> Problems);
