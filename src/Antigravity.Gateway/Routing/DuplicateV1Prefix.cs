namespace Antigravity.Gateway.Routing;

/// <summary>
/// Serves <c>/v1/v1/…</c> as <c>/v1/…</c>: the client's base URL already ended in <c>/v1</c> and its SDK
/// added another. Rather than fail, the gateway answers the intended route and says so in a
/// response header; if the corrected path still matches nothing, the 404 explains the mistake.
/// </summary>
internal static class DuplicateV1Prefix
{
    /// <summary>Response header that tells the client its base URL is off.</summary>
    public const string HintHeader = "x-antigravity-hint";

    private const string Doubled = "/v1/v1";

    /// <summary>The path with every leading duplicate <c>/v1</c> removed, or null when it has none.</summary>
    public static PathString? Collapse(PathString path)
    {
        var value = path.Value;
        if (value is null || !StartsDoubled(value))
        {
            return null;
        }
        while (StartsDoubled(value))
        {
            value = value[3..];
        }
        return new PathString(value);
    }

    private static bool StartsDoubled(string value) =>
        value.StartsWith(Doubled, StringComparison.OrdinalIgnoreCase)
        && (value.Length == Doubled.Length || value[Doubled.Length] is '/' or '?');
}

/// <summary>Rewrites a duplicated <c>/v1/v1/</c> prefix before routing (see <see cref="DuplicateV1Prefix"/>).</summary>
internal sealed partial class DuplicateV1PrefixMiddleware(RequestDelegate next, ILogger<DuplicateV1PrefixMiddleware> logger)
{
    // A misconfigured client repeats the mistake on every call: tell the operator once, then quietly.
    private int _reported;

    public Task InvokeAsync(HttpContext context)
    {
        if (DuplicateV1Prefix.Collapse(context.Request.Path) is { } corrected)
        {
            var original = context.Request.Path;
            context.Features.Set<IOriginalPathFeature>(new OriginalPathFeature(original));
            context.Request.Path = corrected;
            context.Response.Headers[DuplicateV1Prefix.HintHeader] = PathHints.DuplicatedV1Advice(context.Request);
            if (Interlocked.Exchange(ref _reported, 1) == 0)
            {
                Log.Rewrote(logger, Requests.RequestIds.Get(context), original, corrected);
            }
            else
            {
                Log.RewroteAgain(logger, Requests.RequestIds.Get(context), original, corrected);
            }
        }
        return next(context);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Request {RequestId}: served {OriginalPath} as {Path}; the client's base URL already ends in /v1 (further such requests are logged at Debug level).")]
        public static partial void Rewrote(ILogger logger, string requestId, PathString originalPath, PathString path);

        [LoggerMessage(2, LogLevel.Debug, "Request {RequestId}: served {OriginalPath} as {Path}.")]
        public static partial void RewroteAgain(ILogger logger, string requestId, PathString originalPath, PathString path);
    }
}

/// <summary>The path as the client sent it, before the gateway corrected it.</summary>
internal interface IOriginalPathFeature
{
    /// <summary>The path as sent.</summary>
    PathString OriginalPath { get; }
}

internal sealed record OriginalPathFeature(PathString OriginalPath) : IOriginalPathFeature;
