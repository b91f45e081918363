using Kubeguard.Policy;

namespace Kubeguard.Admission;

/// <summary>The kind of a <see cref="FieldError"/>, printed as Kubernetes prints it.</summary>
public enum FieldErrorType
{
    /// <summary><c>Invalid value</c>.</summary>
    Invalid,

    /// <summary><c>Duplicate value</c>.</summary>
    Duplicate,
}

/// <summary>
/// A validation error on one field, printed exactly as Kubernetes' field errors are:
/// <c>metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "foo": must be one of …</c>.
/// </summary>
/// <param name="Field">The field path.</param>
/// <param name="Type">The error type.</param>
/// <param name="BadValue">The offending value (printed Go-quoted).</param>
/// <param name="Detail">The explanation; may be empty.</param>
public sealed record FieldError(string Field, FieldErrorType Type, string BadValue, string Detail)
{
    /// <summary>The text after the field path: <c>Invalid value: "foo": detail</c>.</summary>
    public string Body
    {
        get
        {
            var type = Type == FieldErrorType.Duplicate ? "Duplicate value" : "Invalid value";
            var body = $"{type}: {GoText.Quote(BadValue)}";
            return Detail.Length == 0 ? body : body + ": " + Detail;
        }
    }

    /// <summary>The Kubernetes reason of a status cause for this error.</summary>
    public string CauseReason => Type == FieldErrorType.Duplicate ? "FieldValueDuplicate" : "FieldValueInvalid";

    /// <summary><c>field: body</c>.</summary>
    public override string ToString() => Field + ": " + Body;

    /// <summary>
    /// Kubernetes' aggregate text of several errors: one error alone, or all of them joined with
    /// <c>", "</c> inside brackets (identical texts are printed once).
    /// </summary>
    public static string Aggregate(IEnumerable<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var texts = errors.Select(e => e.ToString()).Distinct(StringComparer.Ordinal).ToList();
        return texts.Count == 1 ? texts[0] : "[" + string.Join(", ", texts) + "]";
    }
}
