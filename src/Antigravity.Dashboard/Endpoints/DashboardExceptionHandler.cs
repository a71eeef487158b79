using Microsoft.AspNetCore.Diagnostics;
using Antigravity.Contracts.Redis;

namespace Antigravity.Dashboard.Endpoints;

/// <summary>
/// Turns failures of the admin API into JSON errors: Redis unreachable → 503 saying what to do, anything
/// else → 500 without details. UI requests fall through to the <c>/error</c> page.
/// </summary>
internal sealed partial class DashboardExceptionHandler(ILogger<DashboardExceptionHandler> logger) : IExceptionHandler
{
    public const string RedisHint = "Redis is unreachable: start it (the AppHost does) or check ConnectionStrings__redis, then retry.";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var isRedis = exception.IsRedisOutage();
        // The middleware has already pointed Request.Path at /error: the original path is on the feature.
        var path = httpContext.Features.Get<IExceptionHandlerFeature>()?.Path is { } original ? new PathString(original) : httpContext.Request.Path;
        if (isRedis)
        {
            // Logged briefly here; the middleware logs every other exception with its stack trace.
            Log.RedisUnavailable(logger, path, exception.Message);
        }
        if (!path.StartsWithSegments("/api") || httpContext.Response.HasStarted)
        {
            return false;
        }
        httpContext.Response.StatusCode = isRedis ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        await ApiErrors.WriteAsync(httpContext.Response, isRedis ? RedisHint : "The dashboard failed to handle this request; see its log.");
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Request {Path} failed because Redis is unreachable: {Reason}")]
        public static partial void RedisUnavailable(ILogger logger, PathString path, string reason);
    }
}
