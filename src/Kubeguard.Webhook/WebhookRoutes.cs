using Microsoft.AspNetCore.Http;

namespace Kubeguard.Webhook;

/// <summary>
/// The webhook's few routes as one terminal handler, so a review passes no routing middleware:
/// <c>POST /validate</c> (and the image endpoints when configured), <c>GET /healthz</c>,
/// <c>/readyz</c> and <c>/metrics</c>. A known path with another method gets 405, anything else 404.
/// </summary>
internal static class WebhookRoutes
{
    private const string PlainText = "text/plain; charset=utf-8";
    private const string Prometheus = "text/plain; version=0.0.4; charset=utf-8";

    public static RequestDelegate Create(AdmissionEndpoint validate, ImageEndpoint? images, AdmissionMetrics metrics, INamespaceReadiness? readiness) => http =>
    {
        var request = http.Request;
        var post = HttpMethods.IsPost(request.Method);
        var get = HttpMethods.IsGet(request.Method);
        return request.Path.Value switch
        {
            "/validate" when post => validate.HandleAsync(http),
            "/mutate-images" when post && images is not null => images.MutateAsync(http),
            "/validate-images" when post && images is not null => images.ValidateAsync(http),
            "/healthz" when get => TextAsync(http, StatusCodes.Status200OK, "ok\n", PlainText),
            "/readyz" when get => readiness is null || readiness.IsReady
                ? TextAsync(http, StatusCodes.Status200OK, "ok\n", PlainText)
                : TextAsync(http, StatusCodes.Status503ServiceUnavailable, KubernetesNamespaceSource.NotSyncedError + "\n", PlainText),
            "/metrics" when get => TextAsync(http, StatusCodes.Status200OK, metrics.Render(), Prometheus),
            "/validate" => NotAllowed(http, "POST"),
            "/mutate-images" or "/validate-images" when images is not null => NotAllowed(http, "POST"),
            "/healthz" or "/readyz" or "/metrics" => NotAllowed(http, "GET"),
            _ => Status(http, StatusCodes.Status404NotFound),
        };
    };

    private static Task TextAsync(HttpContext http, int statusCode, string text, string contentType)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = contentType;
        return http.Response.WriteAsync(text, http.RequestAborted);
    }

    private static Task NotAllowed(HttpContext http, string allow)
    {
        http.Response.Headers.Allow = allow;
        return Status(http, StatusCodes.Status405MethodNotAllowed);
    }

    private static Task Status(HttpContext http, int statusCode)
    {
        http.Response.StatusCode = statusCode;
        return Task.CompletedTask;
    }
}
