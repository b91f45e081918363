using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Kubeguard.Checks.Tee;

/// <summary>What the scan concludes about one agent request.</summary>
public enum RequestVerdict
{
    /// <summary>Denied: default false (or no default) and no rule that could allow it.</summary>
    Denied,

    /// <summary>Allowed: default true, a data switch set to true, or a catch-all exec rule.</summary>
    Allowed,

    /// <summary>A rule with a body the scan cannot classify: needs a human.</summary>
    Review,
}

/// <summary>The verdict on one request, with the reason shown in findings.</summary>
/// <param name="Verdict">Allowed, denied or review.</param>
/// <param name="Reason">Why, e.g. <c>default ExecProcessRequest := true</c>.</param>
public sealed record RequestResult(RequestVerdict Verdict, string Reason);

/// <summary>
/// A Kata agent policy read without evaluating Rego (tee.md §5.2): <c>default</c> values, which
/// rules have a body, and the <c>policy_data</c> JSON.
/// </summary>
public sealed partial class RegoPolicy
{
    /// <summary>Interactive shells that make an exec allow-list a shell for the host.</summary>
    public static IReadOnlySet<string> Shells { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "sh", "bash", "ash", "dash", "zsh", "ksh", "busybox", "/bin/sh", "/bin/bash", "/bin/ash", "/bin/dash", "/bin/zsh", "/usr/bin/sh", "/usr/bin/bash", "/bin/busybox",
    };

    private static readonly string[] CatchAll = [".*", "^.*$", ".+", "^.*", "^.+$", "^.+", "(.*)"];

    private readonly Dictionary<string, bool> _defaults;
    private readonly HashSet<string> _bodies;

    private RegoPolicy(string? error, Dictionary<string, bool> defaults, HashSet<string> bodies, JsonNode? policyData, string? policyDataError)
    {
        Error = error;
        _defaults = defaults;
        _bodies = bodies;
        PolicyData = policyData;
        PolicyDataError = policyDataError;
    }

    /// <summary>Why the text is not a Rego policy, or null.</summary>
    public string? Error { get; }

    /// <summary>The <c>policy_data</c> JSON, or null.</summary>
    public JsonNode? PolicyData { get; }

    /// <summary>Why <c>policy_data</c> could not be read, or null.</summary>
    public string? PolicyDataError { get; }

    /// <summary>Scans Rego text.</summary>
    public static RegoPolicy Scan(string? text)
    {
        var defaults = new Dictionary<string, bool>(StringComparer.Ordinal);
        var bodies = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(text) || !PackageLine().IsMatch(text))
        {
            return new RegoPolicy("it has no package declaration, so it is not Rego", defaults, bodies, null, null);
        }

        foreach (Match m in DefaultLine().Matches(text))
        {
            defaults[m.Groups["name"].Value] = m.Groups["value"].Value == "true";
        }

        foreach (Match m in RuleHead().Matches(text))
        {
            var name = m.Groups["name"].Value;
            if (name is not ("default" or "package" or "import"))
            {
                bodies.Add(name);
            }
        }

        JsonNode? data = null;
        string? dataError = null;
        var start = PolicyDataStart().Match(text);
        if (start.Success)
        {
            var json = Balanced(text, start.Index + start.Length - 1);
            try
            {
                data = json is null ? null : JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                dataError = data is null ? "policy_data is not closed" : null;
            }
            catch (JsonException ex)
            {
                dataError = $"policy_data is not JSON ({ex.Message})";
            }
        }

        return new RegoPolicy(null, defaults, bodies, data, dataError);
    }

    /// <summary>Decodes the base64 <c>agent.policy</c> annotation and scans it.</summary>
    public static RegoPolicy FromBase64(string? value)
    {
        try
        {
            var bytes = Convert.FromBase64String((value ?? string.Empty).Trim());
            return Scan(new UTF8Encoding(false, true).GetString(bytes));
        }
        catch (FormatException)
        {
            return new RegoPolicy("the annotation is not base64", [], [], null, null);
        }
        catch (DecoderFallbackException)
        {
            return new RegoPolicy("the decoded annotation is not UTF-8 text", [], [], null, null);
        }
    }

    /// <summary>The default value of a rule, or null when none is declared.</summary>
    public bool? Default(string rule) => _defaults.TryGetValue(rule, out var v) ? v : null;

    /// <summary>True when a rule of this name has a body.</summary>
    public bool HasBody(string rule) => _bodies.Contains(rule);

    /// <summary>Classifies one request (or switch such as <c>AllowRequestsFailingPolicy</c>).</summary>
    public RequestResult Classify(string request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Default(request) == true)
        {
            return new RequestResult(RequestVerdict.Allowed, $"default {request} := true");
        }

        if (!HasBody(request))
        {
            return new RequestResult(RequestVerdict.Denied, Default(request) == false ? $"default {request} := false" : $"no rule for {request}");
        }

        if (PolicyDataError is not null)
        {
            return new RequestResult(RequestVerdict.Review, $"{request} has a rule and {PolicyDataError}");
        }

        var setting = PolicyData?["request_defaults"]?[request];
        if (request == "ExecProcessRequest")
        {
            return ClassifyExec(setting);
        }

        return Values.AsBool(setting) switch
        {
            true => new RequestResult(RequestVerdict.Allowed, $"policy_data.request_defaults.{request} is true"),
            false => new RequestResult(RequestVerdict.Denied, $"policy_data.request_defaults.{request} is false"),
            _ => new RequestResult(RequestVerdict.Review, $"{request} has a rule whose logic the scan cannot classify"),
        };
    }

    private static RequestResult ClassifyExec(JsonNode? setting)
    {
        if (setting is not JsonObject exec)
        {
            return new RequestResult(RequestVerdict.Review, "ExecProcessRequest has a rule and policy_data.request_defaults.ExecProcessRequest is not readable");
        }

        foreach (var regex in Strings(exec["regex"]))
        {
            if (CatchAll.Contains(regex.Trim()))
            {
                return new RequestResult(RequestVerdict.Allowed, $"ExecProcessRequest regex \"{regex}\" matches any command");
            }
        }

        foreach (var command in Strings(exec["allowed_commands"]))
        {
            var argv0 = command.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
            if (Shells.Contains(argv0))
            {
                return new RequestResult(RequestVerdict.Allowed, $"ExecProcessRequest allowed_commands lists the shell \"{command}\"");
            }
        }

        var regexes = Strings(exec["regex"]).ToList();
        return regexes.Count > 0
            ? new RequestResult(RequestVerdict.Review, $"ExecProcessRequest regex {Text.QuoteJoin(regexes)} needs review")
            : new RequestResult(RequestVerdict.Denied, "exec only of exact allowed_commands and probes");
    }

    private static IEnumerable<string> Strings(JsonNode? node) =>
        node switch
        {
            JsonArray array => array.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : n?.ToJsonString() ?? string.Empty),
            JsonValue v when v.TryGetValue<string>(out var s) => [s],
            _ => [],
        };

    // The text from an opening brace to its matching close, skipping string contents.
    private static string? Balanced(string text, int open)
    {
        var depth = 0;
        var inString = false;
        for (var i = open; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
            }
            else if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && --depth == 0)
            {
                return text[open..(i + 1)];
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*package\s+[A-Za-z_][\w.]*", RegexOptions.Multiline)]
    private static partial Regex PackageLine();

    [GeneratedRegex(@"^\s*default\s+(?<name>[A-Za-z_]\w*)\s*:?=\s*(?<value>true|false)\b", RegexOptions.Multiline)]
    private static partial Regex DefaultLine();

    [GeneratedRegex(@"^(?<name>[A-Za-z_]\w*)(\s*(:=|=)\s*[^\s{]+)?\s*(if\s*)?\{", RegexOptions.Multiline)]
    private static partial Regex RuleHead();

    [GeneratedRegex(@"^\s*policy_data\s*:?=\s*\{", RegexOptions.Multiline)]
    private static partial Regex PolicyDataStart();
}
