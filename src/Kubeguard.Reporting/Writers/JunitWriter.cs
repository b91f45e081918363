using System.Globalization;
using System.Text;
using System.Xml;

namespace Kubeguard.Reporting.Writers;

/// <summary>
/// JUnit XML: one <c>testsuite</c> per input file, one <c>testcase</c> per target (an object at a
/// level), a <c>failure</c> carrying the verdict message and the findings for targets that did
/// not pass, and one <c>error</c> test case per input that could not be read.
/// </summary>
internal sealed class JunitWriter : IReportWriter
{
    private const string NoFile = "(no file)";

    public ReportFormat Format => ReportFormat.Junit;

    public void Write(Report report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        var settings = new XmlWriterSettings
        {
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            Encoding = new UTF8Encoding(false),
            OmitXmlDeclaration = false,
            CheckCharacters = false,
        };

        var sb = new StringBuilder();
        using (var stringWriter = new Utf8StringWriter(sb))
        using (var xml = XmlWriter.Create(stringWriter, settings))
        {
            var suites = report.Targets.Select(t => (File: t.Location?.File ?? NoFile, Target: (Target?)t, Error: (InputError?)null))
                .Concat(report.Errors.Select(e => (File: e.Location.File ?? NoFile, Target: (Target?)null, Error: (InputError?)e)))
                .GroupBy(x => x.File, StringComparer.Ordinal)
                .ToList();

            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", report.Tool.Name + " " + report.Command);
            xml.WriteAttributeString("tests", N(report.Targets.Length + report.Errors.Length));
            xml.WriteAttributeString("failures", N(report.Targets.Count(t => !t.Passed)));
            xml.WriteAttributeString("errors", N(report.Errors.Length));
            foreach (var suite in suites)
            {
                xml.WriteStartElement("testsuite");
                xml.WriteAttributeString("name", suite.Key);
                xml.WriteAttributeString("tests", N(suite.Count()));
                xml.WriteAttributeString("failures", N(suite.Count(x => x.Target is { Passed: false })));
                xml.WriteAttributeString("errors", N(suite.Count(x => x.Error is not null)));
                if (suite.Key != NoFile)
                {
                    xml.WriteAttributeString("file", suite.Key);
                }

                foreach (var (_, target, error) in suite)
                {
                    if (target is not null)
                    {
                        WriteTarget(xml, suite.Key, target);
                    }
                    else if (error is not null)
                    {
                        WriteError(xml, suite.Key, error);
                    }
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        output.Write(sb.ToString());
        output.Write('\n');
    }

    private static void WriteTarget(XmlWriter xml, string file, Target target)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", target.Name);
        xml.WriteAttributeString("classname", file);
        if (!target.Passed)
        {
            xml.WriteStartElement("failure");
            xml.WriteAttributeString("type", string.Join(",", target.Findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal)));
            xml.WriteAttributeString("message", Clean(target.Message.Length > 0 ? target.Message : target.Name));
            var body = new StringBuilder();
            foreach (var finding in target.Findings)
            {
                body.Append(finding.RuleId).Append(" [").Append(finding.Severity.ToWireString()).Append("]: ").Append(finding.Title);
                if (finding.Message.Length > 0)
                {
                    body.Append(" (").Append(finding.Message).Append(')');
                }

                if (finding.Location is { } at)
                {
                    body.Append(" at ").Append(at.ToString());
                    if (at.JsonPath is { } path)
                    {
                        body.Append(' ').Append(path);
                    }
                }

                body.Append('\n');
                if (finding.Remediation.Length > 0)
                {
                    body.Append("  fix: ").Append(finding.Remediation).Append('\n');
                }
            }

            xml.WriteString(Clean(body.ToString()));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteError(XmlWriter xml, string file, InputError error)
    {
        xml.WriteStartElement("testcase");
        var where = error.Location.Line is { } line ? "line " + N(line) : "input";
        if (error.Location.DocumentIndex is { } index)
        {
            where += " (document " + N(index + 1) + ")";
        }

        xml.WriteAttributeString("name", "read " + where);
        xml.WriteAttributeString("classname", file);
        xml.WriteStartElement("error");
        xml.WriteAttributeString("type", "input");
        xml.WriteAttributeString("message", Clean(error.Message));
        xml.WriteString(Clean(error.Location + ": " + error.Message));
        xml.WriteEndElement();
        xml.WriteEndElement();
    }

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Drops characters XML 1.0 cannot carry (messages may quote binary input).</summary>
    private static string Clean(string text)
    {
        if (text.All(XmlConvert.IsXmlChar))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '\uFFFD');
        }

        return sb.ToString();
    }

    private sealed class Utf8StringWriter(StringBuilder sb) : StringWriter(sb, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => Encoding.UTF8;
    }
}
