using System.Net;

namespace Kubeguard.Cluster.Connection;

/// <summary>The API server answered a request with an error status (and usually a <c>Status</c> body).</summary>
public sealed class ApiStatusException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ApiStatusException(HttpStatusCode statusCode, string? body)
        : base($"the API server answered {(int)statusCode} {statusCode}")
    {
        StatusCode = statusCode;
        Body = body;
    }

    /// <summary>Creates the exception.</summary>
    public ApiStatusException()
        : this(HttpStatusCode.InternalServerError, null)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ApiStatusException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ApiStatusException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; } = HttpStatusCode.InternalServerError;

    /// <summary>The body the server sent, or null.</summary>
    public string? Body { get; }
}
