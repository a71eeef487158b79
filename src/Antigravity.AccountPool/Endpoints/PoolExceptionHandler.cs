using Antigravity.Contracts.Accounts;
using Microsoft.AspNetCore.Diagnostics;
using StackExchange.Redis;

namespace Antigravity.AccountPool.Endpoints;

/// <summary>
/// Turns failures nobody handled into JSON answers the gateway and dashboard understand: 503 with <c>Retry-After</c>
/// while Redis is unreachable, hung or refusing (a state that passes: the gateway hands the wait on to its clients),
/// 500 otherwise — logged once, without request bodies (they may hold secrets).
/// </summary>
internal sealed partial class PoolExceptionHandler(ILogger<PoolExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a caller is told to wait while Redis cannot be used (Redis restarts in about that).</summary>
    public const int RedisRetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, message) = exception switch
        {
            RedisConnectionException or RedisTimeoutException => (StatusCodes.Status503ServiceUnavailable, "The account pool cannot reach Redis; try again in a moment."),
            RedisServerException => (StatusCodes.Status503ServiceUnavailable, "Redis refused a command of the account pool."),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read."),
            _ => (StatusCodes.Status500InternalServerError, "The account pool failed to handle the request."),
        };
        Log.Failed(logger, httpContext.Request.Method, httpContext.Request.Path, exception.GetType().Name, exception.Message);
        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = RedisRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        await httpContext.Response.WriteAsJsonAsync(new FieldError { Error = message }, PoolJsonContext.Default.FieldError, cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "{Method} {Path} failed: {ExceptionType}: {Message}")]
        public static partial void Failed(ILogger logger, string method, string path, string exceptionType, string message);
    }
}
