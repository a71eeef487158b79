using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Requests;
using Antigravity.Gateway.Routing;
using Microsoft.Extensions.Options;

namespace Antigravity.Gateway.Auth;

/// <summary>
/// Enforces the effective auth mode with the request's settings snapshot (the ones in memory when it arrived),
/// so a changed key or mode applies to the very next request. A refusal is a 401 in the caller's protocol, logged once.
/// </summary>
internal sealed partial class ProxyAuthMiddleware(
    RequestDelegate next,
    IOptions<ProxyHostOptions> hostOptions,
    ILogger<ProxyAuthMiddleware> logger)
{
    public Task InvokeAsync(HttpContext context)
    {
        var settings = context.GatewayRequest().Settings;
        if (settings is null)
        {
            // Only the probes get here without settings (ServiceStateMiddleware refuses the rest).
            return ProbePaths.IsProbe(context.Request.Path)
                ? next(context)
                : ProtocolErrorWriter.WriteAsync(context, ApiError.Unavailable("Proxy settings are not loaded yet; Redis is unreachable.", "settings_unavailable"));
        }

        var request = context.Request;
        var decision = ProxyAuthPolicy.Decide(
            settings,
            hostOptions.Value.AllowLanAccess,
            request.Method,
            request.Path,
            request.Headers,
            request.Path.StartsWithSegments("/v1beta", StringComparison.OrdinalIgnoreCase) ? request.Query : null);
        if (decision.IsAllowed)
        {
            return next(context);
        }

        var requestId = RequestIds.Get(context);
        switch (decision.Verdict)
        {
            case AuthVerdict.KeyNotConfigured:
                Log.ApiKeyEmpty(logger, requestId);
                break;
            case AuthVerdict.MissingKey:
                Log.MissingKey(logger, requestId, request.Method, request.Path, decision.EffectiveMode.ToWire());
                break;
            default:
                Log.WrongKey(logger, requestId, request.Method, request.Path, decision.Key!.Source.LogName(), decision.EffectiveMode.ToWire());
                break;
        }
        return ProtocolErrorWriter.WriteAsync(context, ApiError.InvalidApiKey(decision.RefusalMessage));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Proxy auth is enabled but api_key is empty; denying request (request {RequestId})")]
        public static partial void ApiKeyEmpty(ILogger logger, string requestId);

        [LoggerMessage(2, LogLevel.Warning, "Refused {Method} {Path} (request {RequestId}): no API key sent (auth mode {AuthMode}).")]
        public static partial void MissingKey(ILogger logger, string requestId, string method, PathString path, string authMode);

        [LoggerMessage(3, LogLevel.Warning, "Refused {Method} {Path} (request {RequestId}): the key read from {KeySource} did not match (auth mode {AuthMode}).")]
        public static partial void WrongKey(ILogger logger, string requestId, string method, PathString path, string keySource, string authMode);
    }
}
