namespace Kubeguard.Reporting;

/// <summary>Where something was found. Every part is optional; lines and columns are 1-based.</summary>
/// <param name="File">The input as the user named it (a path, or <c>&lt;stdin&gt;</c>); null for non-file sources.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="DocumentIndex">0-based index of the YAML document in the file.</param>
/// <param name="JsonPath">Path of the field inside the object, e.g. <c>spec.template.spec.containers[1].securityContext</c>.</param>
public sealed record Location(string? File, int? Line = null, int? Column = null, int? DocumentIndex = null, string? JsonPath = null)
{
    /// <summary><c>file:line:column</c>, as far as known.</summary>
    public override string ToString()
    {
        var text = File ?? string.Empty;
        if (Line is { } line)
        {
            text += ":" + line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (Column is { } column)
            {
                text += ":" + column.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return text;
    }
}
