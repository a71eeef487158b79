namespace Antigravity.Gateway.Errors;

/// <summary>
/// An error to send to a client, before it is shaped for a protocol.
/// </summary>
/// <param name="Status">HTTP status code.</param>
/// <param name="Kind">What went wrong; decides the protocol's error type.</param>
/// <param name="Message">A sentence the user can act on. Never contains a secret.</param>
/// <param name="Code">OpenAI's machine-readable <c>code</c> (e.g. <c>invalid_api_key</c>), or null.</param>
/// <param name="RetryAfterSeconds">When set, sent as the <c>Retry-After</c> header.</param>
internal sealed record ApiError(int Status, ApiErrorKind Kind, string Message, string? Code = null, int? RetryAfterSeconds = null)
{
    /// <summary>401: missing or wrong API key.</summary>
    public static ApiError InvalidApiKey(string message) =>
        new(StatusCodes.Status401Unauthorized, ApiErrorKind.Authentication, message, "invalid_api_key");

    /// <summary>404: no such route or resource.</summary>
    public static ApiError NotFound(string message, string? code = null) =>
        new(StatusCodes.Status404NotFound, ApiErrorKind.NotFound, message, code);

    /// <summary>405: the route exists for other methods.</summary>
    public static ApiError MethodNotAllowed(string message) =>
        new(StatusCodes.Status405MethodNotAllowed, ApiErrorKind.MethodNotAllowed, message, "method_not_allowed");

    /// <summary>503: the gateway cannot serve right now.</summary>
    public static ApiError Unavailable(string message, string? code = "service_unavailable") =>
        new(StatusCodes.Status503ServiceUnavailable, ApiErrorKind.Unavailable, message, code);
}
