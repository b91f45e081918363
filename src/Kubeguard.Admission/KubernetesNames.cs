using System.Text.RegularExpressions;

namespace Kubeguard.Admission;

/// <summary>Kubernetes' name rules (RFC 1123 labels and subdomains) with their exact error texts.</summary>
internal static partial class KubernetesNames
{
    private const string LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string SubdomainFormat = LabelFormat + "(\\." + LabelFormat + ")*";

    private const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '" + LabelFormat + "')";

    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '" + SubdomainFormat + "')";

    /// <summary>Errors of a namespace name (a DNS label); empty when valid.</summary>
    public static List<string> LabelErrors(string value)
    {
        var errors = new List<string>();
        if (value.Length > 63)
        {
            errors.Add("must be no more than 63 characters");
        }

        if (!Label().IsMatch(value))
        {
            errors.Add(Subdomain().IsMatch(value) ? "must not contain dots" : LabelMessage);
        }

        return errors;
    }

    /// <summary>Errors of a runtime class name (a DNS subdomain); empty when valid.</summary>
    public static List<string> SubdomainErrors(string value)
    {
        var errors = new List<string>();
        if (value.Length > 253)
        {
            errors.Add("must be no more than 253 characters");
        }

        if (!Subdomain().IsMatch(value))
        {
            errors.Add(SubdomainMessage);
        }

        return errors;
    }

    [GeneratedRegex("^" + LabelFormat + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Label();

    [GeneratedRegex("^" + SubdomainFormat + "\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Subdomain();
}
