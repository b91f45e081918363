namespace Kubeguard.PromAudit;

/// <summary>A value read from the server, or the reason it could not be read.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="Value">The value, when read.</param>
/// <param name="Problem">Why it could not be read; empty when read.</param>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "Answer<T>.Of and Answer<T>.Fail read best at call sites.")]
public sealed record Answer<T>(T? Value, string Problem)
{
    /// <summary>True when the value was read.</summary>
    public bool Ok => Problem.Length == 0;

    /// <summary>A successful answer.</summary>
    public static Answer<T> Of(T value) => new(value, "");

    /// <summary>The HTTP status of a refused or failed answer; 0 when the server gave no HTTP answer or the value was read.</summary>
    public int HttpStatus { get; init; }

    /// <summary>True when the server answered and refused: 401, 403 or 404 (the endpoint is closed to us).</summary>
    public bool Refused => HttpStatus is 401 or 403 or 404;

    /// <summary>A failed answer.</summary>
    public static Answer<T> Fail(string problem, int httpStatus = 0) => new(default, problem) { HttpStatus = httpStatus };
}
