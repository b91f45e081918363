using System.Net;
using System.Text.Json;
using k8s.Autorest;

namespace Kubeguard.Cluster.Connection;

/// <summary>Turns the exceptions KubernetesClient throws into <see cref="ClusterFailure"/> values.</summary>
public static class ApiFailures
{
    /// <summary>
    /// The failure <paramref name="exception"/> stands for, or null when it is not a failure to talk
    /// to the API server (then it is a bug and must propagate).
    /// </summary>
    /// <param name="exception">What the client threw.</param>
    /// <param name="server">The server address, for the message.</param>
    /// <param name="cancellation">The caller's token: a cancellation it asked for is not a timeout.</param>
    public static ClusterFailure? Classify(Exception exception, string server, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(exception);
        switch (exception)
        {
            case ApiStatusException status:
                return FromStatus(status.StatusCode, status.Body, server);
            case HttpOperationException http when http.Response is not null:
                return FromStatus(http.Response.StatusCode, http.Response.Content, server);
            case HttpRequestException request:
                return new ClusterFailure(FailureKind.Unreachable, $"cannot reach the API server at {server}: {Innermost(request).Message}");
            case TaskCanceledException or TimeoutException when !cancellation.IsCancellationRequested:
                return new ClusterFailure(FailureKind.Timeout, $"the API server at {server} did not answer in time");
            case JsonException json:
                return new ClusterFailure(FailureKind.ServerError, $"the API server at {server} sent a body that is not a Kubernetes list: {json.Message}");
            default:
                return null;
        }
    }

    /// <summary>The failure for an HTTP status and its <c>Status</c> body.</summary>
    public static ClusterFailure FromStatus(HttpStatusCode code, string? body, string server)
    {
        var message = StatusMessage(body);
        return code switch
        {
            HttpStatusCode.Unauthorized => new ClusterFailure(FailureKind.Unauthorized,
                $"the API server at {server} rejected the credentials (401 Unauthorized); they may have expired: log in again or refresh the kubeconfig"),
            HttpStatusCode.Forbidden => new ClusterFailure(FailureKind.Forbidden, message ?? "forbidden by RBAC (403)"),
            HttpStatusCode.Gone => new ClusterFailure(FailureKind.Expired, message ?? "the continue token expired (410 Gone)"),
            HttpStatusCode.NotFound => new ClusterFailure(FailureKind.NotFound, message ?? "not found (404)"),
            _ => new ClusterFailure(FailureKind.ServerError, $"the API server at {server} answered {(int)code} {code}" + (message is null ? string.Empty : ": " + message)),
        };
    }

    private static string? StatusMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String
                ? message.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }
}
