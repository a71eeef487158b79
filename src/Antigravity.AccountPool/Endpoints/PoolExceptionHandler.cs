using Antigravity.Contracts.Accounts;
using Microsoft.AspNetCore.Diagnostics;
using StackExchange.Redis;

namespace Antigravity.AccountPool.Endpoints;

/// <summary>
/// Turns failures nobody handled into JSON answers the gateway and dashboard understand: 503 while Redis is
/// unreachable, 500 otherwise — logged once, without request bodies (they may hold secrets).
/// </summary>
internal sealed partial class PoolExceptionHandler(ILogger<PoolExceptionHandler> logger) : IExceptionHandler
{
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
        await httpContext.Response.WriteAsJsonAsync(new FieldError { Error = message }, PoolJsonContext.Default.FieldError, cancellationToken: cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "{Method} {Path} failed: {ExceptionType}: {Message}")]
        public static partial void Failed(ILogger logger, string method, string path, string exceptionType, string message);
    }
}
