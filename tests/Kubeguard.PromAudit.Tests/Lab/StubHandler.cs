using System.Net;
using Kubeguard.PromAudit.Http;

namespace Kubeguard.PromAudit.Tests.Lab;

/// <summary>
/// Replays recorded answers in process (no socket): a GET maps to <c>GET path</c> (or <c>ORIGIN path</c>
/// with an Origin header, or <c>ANON path</c> without credentials when such a recording exists), a
/// query POST to <c>QUERY promql</c>. Anything unrecorded gets a Prometheus-style 404. Every request is logged.
/// </summary>
internal sealed class StubHandler(IReadOnlyDictionary<string, ApiResponse> answers) : HttpMessageHandler
{
    public List<string> Seen { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var path = request.RequestUri!.PathAndQuery;
        string key;
        if (request.Method == HttpMethod.Post)
        {
            var form = await request.Content!.ReadAsStringAsync(cancellationToken);
            var query = form.Split('&').Select(p => p.Split('=', 2)).First(p => p[0] == "query")[1];
            key = "QUERY " + Uri.UnescapeDataString(query.Replace('+', ' '));
        }
        else if (request.Headers.Contains("Origin"))
        {
            key = "ORIGIN " + path;
        }
        else if (!request.Headers.Contains("Authorization") && answers.ContainsKey("ANON " + path))
        {
            key = "ANON " + path;
        }
        else
        {
            key = "GET " + path;
        }

        Seen.Add($"{request.Method} {path}");
        if (!answers.TryGetValue(key, out var answer))
        {
            return new HttpResponseMessage(HttpStatusCode.NotFound)
            {
                Content = new StringContent("{\"status\":\"error\",\"errorType\":\"not_found\",\"error\":\"not recorded\"}"),
            };
        }

        var response = new HttpResponseMessage((HttpStatusCode)answer.Status) { Content = new ByteArrayContent(answer.Body) };
        foreach (var (name, value) in answer.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }
}
