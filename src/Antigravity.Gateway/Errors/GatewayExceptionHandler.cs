using Antigravity.Gateway.Requests;
using Microsoft.AspNetCore.Diagnostics;

namespace Antigravity.Gateway.Errors;

/// <summary>
/// The last word on any failure nobody handled, whatever <c>ASPNETCORE_ENVIRONMENT</c> says: Kestrel's own
/// refusals while the body is read (bad chunk 400, stalled body 408, too large 413, headers 431) and anything
/// unexpected (500) become the route's protocol-shaped error with the request id. No exception text, type or
/// path ever reaches the client; the log line carries them with the request id.
/// </summary>
internal sealed partial class GatewayExceptionHandler(ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var requestId = RequestIds.Get(httpContext);
        if (httpContext.RequestAborted.IsCancellationRequested && exception is OperationCanceledException)
        {
            // The client left: nobody is there to read an answer.
            return true;
        }
        var error = exception switch
        {
            BadHttpRequestException bad => FromBadRequest(bad, httpContext),
            _ => new ApiError(StatusCodes.Status500InternalServerError, ApiErrorKind.Internal,
                $"The gateway failed to handle this request (request id {requestId}); the gateway log has the details."),
        };
        if (error.Status >= 500)
        {
            Log.Unhandled(logger, requestId, httpContext.Request.Method, httpContext.Request.Path, exception);
        }
        else
        {
            Log.Refused(logger, requestId, error.Status, exception.Message);
        }
        if (httpContext.Response.HasStarted)
        {
            return true;
        }
        // The exception handler middleware cleared the headers: the id goes back on.
        httpContext.Response.Headers[RequestIds.HeaderName] = requestId;
        await ProtocolErrorWriter.WriteAsync(httpContext, error).ConfigureAwait(false);
        return true;
    }

    /// <summary>Kestrel's refusals while reading a request, in words a client can act on.</summary>
    public static ApiError FromBadRequest(BadHttpRequestException exception, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => new ApiError(413, ApiErrorKind.RequestTooLarge,
                $"The request body is larger than the gateway accepts ({context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize} bytes, setting Proxy:MaxRequestBodyBytes).",
                "request_too_large"),
            StatusCodes.Status408RequestTimeout => new ApiError(408, ApiErrorKind.Timeout,
                "The request body arrived too slowly (setting Proxy:Limits:MinRequestBodyBytesPerSecond); send it again.", "request_timeout"),
            StatusCodes.Status431RequestHeaderFieldsTooLarge => new ApiError(431, ApiErrorKind.InvalidRequest,
                "The request headers are larger than the gateway accepts (setting Proxy:Limits:MaxRequestHeadersBytes).", "request_headers_too_large"),
            _ => new ApiError(exception.StatusCode, ApiErrorKind.InvalidRequest,
                "The request could not be read: its HTTP framing is malformed (for example a bad chunk size).", "malformed_request"),
        };
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Request {RequestId} {Method} {Path} failed")]
        public static partial void Unhandled(ILogger logger, string requestId, string method, PathString path, Exception exception);

        [LoggerMessage(2, LogLevel.Information, "Request {RequestId} refused with {Status}: {Reason}")]
        public static partial void Refused(ILogger logger, string requestId, int status, string reason);
    }
}
