using System.Xml;
using System.Xml.Schema;
using NJsonSchema;

namespace Kubeguard.Testing;

/// <summary>Validates outputs against the official schemas kept in <c>../shared/schemas</c> and our own in <c>docs/</c>.</summary>
public static class SchemaValidation
{
    private static readonly Lazy<JsonSchema> Sarif = new(() => JsonSchema.FromFileAsync(RepositoryPaths.InShared("schemas", "sarif", "sarif-schema-2.1.0.json")).GetAwaiter().GetResult());
    private static readonly Lazy<JsonSchema> Report = new(() => JsonSchema.FromFileAsync(Path.Combine(RepositoryPaths.Root, "docs", "report.schema.json")).GetAwaiter().GetResult());

    /// <summary>True when the shared SARIF and JUnit schemas are present.</summary>
    public static bool SharedSchemasAvailable => File.Exists(RepositoryPaths.InShared("schemas", "sarif", "sarif-schema-2.1.0.json"));

    /// <summary>SARIF 2.1.0 schema errors in <paramref name="json"/>, as text.</summary>
    public static IReadOnlyList<string> SarifErrors(string json) => [.. Sarif.Value.Validate(json).Select(e => e.ToString())];

    /// <summary>Errors of <paramref name="json"/> against <c>docs/report.schema.json</c>.</summary>
    public static IReadOnlyList<string> ReportErrors(string json) => [.. Report.Value.Validate(json).Select(e => e.ToString())];

    /// <summary>Errors of <paramref name="xml"/> against the JUnit XSD.</summary>
    public static IReadOnlyList<string> JunitErrors(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, RepositoryPaths.InShared("schemas", "junit", "junit-10.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas, DtdProcessing = DtdProcessing.Prohibit };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message} (line {e.Exception?.LineNumber})");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }
}
