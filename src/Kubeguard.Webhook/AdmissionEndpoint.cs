using System.Buffers;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Text.Json;
using Kubeguard.Admission;
using Kubeguard.Admission.Wire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kubeguard.Webhook;

/// <summary>
/// <c>POST /validate</c>: transport only. Limits and reads the body, decodes the AdmissionReview,
/// hands the request to <see cref="AdmissionEvaluator"/> and writes the response with the request's
/// uid. Bad input gets a 400 (413 when too large, 408 when too slow) with a one-line reason.
/// </summary>
internal sealed partial class AdmissionEndpoint(
    AdmissionEvaluator evaluator, AdmissionChecks? checks, AdmissionMetrics metrics, TimeProvider time, TimeSpan bodyReadTimeout, ILogger logger)
{
    /// <summary>The largest request body accepted, as kube-apiserver: 3 MiB.</summary>
    public const long MaxBodyBytes = 3 * 1024 * 1024;

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task HandleAsync(HttpContext http)
    {
        var started = Stopwatch.GetTimestamp();
        var status = await RespondAsync(http).ConfigureAwait(false);
        metrics.RecordRequest(status, Stopwatch.GetElapsedTime(started));
    }

    private async Task<int> RespondAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            return await RejectAsync(http, StatusCodes.Status413PayloadTooLarge, $"request body of {request.ContentLength} bytes exceeds the limit of {MaxBodyBytes} bytes").ConfigureAwait(false);
        }

        if (request.ContentType is { } contentType && !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return await RejectAsync(http, StatusCodes.Status400BadRequest, $"unsupported Content-Type \"{contentType}\"; expected application/json").ConfigureAwait(false);
        }

        byte[] buffer;
        int length;
        if (TryTakeCompleteBody(request.BodyReader, out var complete))
        {
            // The whole body already arrived (the usual case: one TLS record): no timer needed.
            (buffer, length) = complete;
        }
        else
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
            timeout.CancelAfter(bodyReadTimeout);
            try
            {
                (buffer, length) = await ReadBodyAsync(request.BodyReader, timeout.Token).ConfigureAwait(false);
            }
            catch (BodyTooLargeException)
            {
                return await RejectAsync(http, StatusCodes.Status413PayloadTooLarge, $"request body exceeds the limit of {MaxBodyBytes} bytes").ConfigureAwait(false);
            }
            catch (BadHttpRequestException ex)
            {
                return await RejectAsync(http, ex.StatusCode, "cannot read the request body: " + ex.Message).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
            {
                return await RejectAsync(http, StatusCodes.Status408RequestTimeout, "timed out reading the request body").ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                return 499; // the client went away; nothing to answer
            }
        }

        try
        {
            var parsed = AdmissionReviewCodec.Parse(buffer.AsSpan(0, length));
            if (parsed.Request is not { } review)
            {
                return await RejectAsync(http, StatusCodes.Status400BadRequest, parsed.Error!).ConfigureAwait(false);
            }

            var attributes = AdmissionReviewCodec.ToAttributes(review, Deadline(request));
            AdmissionDecision decision;
            try
            {
                decision = await evaluator.EvaluateAsync(attributes, http.RequestAborted).ConfigureAwait(false);
                if (checks is not null)
                {
                    decision = await checks.ApplyAsync(attributes, decision, http.RequestAborted).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                return 499;
            }
#pragma warning disable CA1031 // host boundary: an evaluator bug is logged and answered per the failure policy, never a 500
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogEvaluationFailed(logger, ex, review.Uid!);
                decision = AdmissionEvaluator.InternalFailure(attributes, "admission evaluation failed");
            }

            metrics.Record(decision.Metrics);
            if (!decision.Allowed)
            {
                LogDenied(logger, review.Uid!, attributes.QualifiedResource, attributes.Namespace, attributes.Name, decision.Status?.Message ?? string.Empty);
            }

            // Serialized first so the answer carries a Content-Length and goes out in one write
            // (a response started without one is sent chunked).
            using var json = new PooledBufferWriter();
            var writer = t_writer ??= new Utf8JsonWriter(json, WriterOptions);
            writer.Reset(json);
            AdmissionReviewCodec.Serialize(writer, AdmissionReviewCodec.Respond(review.Uid!, decision));
            writer.Flush();
            writer.Reset();
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/json";
            http.Response.ContentLength = json.WrittenCount;
            await http.Response.BodyWriter.WriteAsync(json.WrittenMemory, http.RequestAborted).ConfigureAwait(false);
            return StatusCodes.Status200OK;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Reused by one thread for one synchronous serialization at a time.
    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static bool TryTakeCompleteBody(PipeReader reader, out (byte[] Buffer, int Length) body)
    {
        body = default;
        if (!reader.TryRead(out var result))
        {
            return false;
        }

        var data = result.Buffer;
        if (!result.IsCompleted || data.Length > MaxBodyBytes)
        {
            reader.AdvanceTo(data.Start);
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, (int)data.Length));
        data.CopyTo(buffer);
        body = (buffer, (int)data.Length);
        reader.AdvanceTo(data.End);
        return true;
    }

    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var data = result.Buffer;
            if (data.Length > MaxBodyBytes)
            {
                reader.AdvanceTo(data.Start, data.End);
                throw new BodyTooLargeException();
            }

            if (result.IsCompleted)
            {
                var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, (int)data.Length));
                data.CopyTo(buffer);
                var length = (int)data.Length;
                reader.AdvanceTo(data.End);
                return (buffer, length);
            }

            reader.AdvanceTo(data.Start, data.End);
        }
    }

    // The API server passes its webhook timeout as ?timeout=10s; the namespace dry-run uses it.
    private DateTimeOffset? Deadline(HttpRequest request) =>
        request.QueryString.HasValue && request.Query.TryGetValue("timeout", out var values) && GoDuration.TryParse(values.ToString(), out var timeout)
            ? time.GetUtcNow() + timeout
            : null;

    private async Task<int> RejectAsync(HttpContext http, int statusCode, string reason)
    {
        LogRejected(logger, statusCode, reason);
        var bytes = System.Text.Encoding.UTF8.GetBytes(reason.ReplaceLineEndings(" ") + "\n");
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.ContentLength = bytes.Length;
        if (statusCode == StatusCodes.Status408RequestTimeout)
        {
            // The rest of a stalled body will not come: answer now and close the connection.
            http.Response.Headers.Connection = "close";
        }

        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
        return statusCode;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "denied {Uid} {Resource} {Namespace}/{Name}: {Message}")]
    private static partial void LogDenied(ILogger logger, string uid, string resource, string @namespace, string name, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "rejected request with {StatusCode}: {Reason}")]
    private static partial void LogRejected(ILogger logger, int statusCode, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "admission evaluation failed for {Uid}")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception, string uid);

    private sealed class BodyTooLargeException : Exception;
}
