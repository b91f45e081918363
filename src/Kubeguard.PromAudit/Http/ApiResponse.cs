using System.Text.Json;

namespace Kubeguard.PromAudit.Http;

/// <summary>One response, read under the size cap. Never holds the auditor's own credentials.</summary>
/// <param name="Status">HTTP status, or 0 when there was no HTTP answer.</param>
/// <param name="Failure">Why there was no usable answer.</param>
/// <param name="Message">A specific message for failures.</param>
/// <param name="Body">The body bytes read (at most the size cap).</param>
/// <param name="Truncated">True when the body was larger than the cap and reading stopped.</param>
/// <param name="Headers">Selected response headers (lower-case names).</param>
public sealed record ApiResponse(int Status, FailureKind Failure, string Message, byte[] Body, bool Truncated, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>A response that never reached the server.</summary>
    public static ApiResponse Failed(FailureKind failure, string message) =>
        new(0, failure, message, [], false, new Dictionary<string, string>());

    /// <summary>True for a complete 2xx answer.</summary>
    public bool IsSuccess => Failure == FailureKind.None && Status is >= 200 and < 300 && !Truncated;

    /// <summary>A header value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;

    /// <summary>The body as text.</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Body);

    /// <summary>
    /// The <c>data</c> member of a Prometheus API envelope (<c>{"status":"success","data":…}</c>),
    /// or null with <paramref name="problem"/> saying why.
    /// </summary>
    public JsonElement? TryData(out string problem)
    {
        if (!IsSuccess)
        {
            problem = Describe();
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(Body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("status", out var status)
                && status.ValueKind == JsonValueKind.String && status.GetString() == "success"
                && document.RootElement.TryGetProperty("data", out var data))
            {
                problem = "";
                return data.Clone();
            }

            problem = "the answer is JSON but not a Prometheus API response";
            return null;
        }
        catch (JsonException ex)
        {
            problem = $"malformed JSON in the answer ({ex.Message.Split('.')[0]})";
            return null;
        }
    }

    /// <summary>A short, specific description of a non-success answer.</summary>
    public string Describe() => Failure switch
    {
        FailureKind.None when Truncated => $"the answer exceeded the size cap ({Body.Length} bytes read, then stopped)",
        FailureKind.None when Status == 401 => "401 Unauthorized: the server requires credentials (--basic-auth-file or --bearer-token-file)",
        FailureKind.None when Status == 403 => "403 Forbidden: the credentials are not allowed here",
        FailureKind.None when Status == 404 => "404 Not Found: the endpoint is absent or blocked",
        FailureKind.None => $"HTTP {Status}",
        _ => Message,
    };
}
