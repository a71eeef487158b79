using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Requests;
using Antigravity.Gateway.Routing;
using StackExchange.Redis;

namespace Antigravity.Gateway.ServiceState;

/// <summary>
/// First gate of the request path. Health probes always pass. Every other request needs the proxy
/// settings (without them the gateway cannot know the auth mode, so it refuses rather than guess) and
/// a running proxy: while it is stopped, proxy routes answer 503 "Proxy service is currently disabled".
/// </summary>
internal sealed partial class ServiceStateMiddleware(
    RequestDelegate next,
    ProxySettingsMonitor monitor,
    IConnectionMultiplexer redis,
    ILogger<ServiceStateMiddleware> logger)
{
    /// <summary>How long a request that arrives while the first load is under way waits for it.</summary>
    internal static readonly TimeSpan FirstLoadWait = TimeSpan.FromSeconds(2);

    public const string DisabledMessage = "Proxy service is currently disabled";

    public async Task InvokeAsync(HttpContext context)
    {
        if (ProbePaths.IsProbe(context.Request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var request = context.GatewayRequest();
        var settings = request.Settings ??= await WaitForFirstLoadAsync(context.RequestAborted).ConfigureAwait(false);
        if (settings is null)
        {
            var message = redis.IsConnected
                ? "Proxy settings are not loaded yet; they could not be read from Redis" + (monitor.LastError is { } error ? $" ({error})" : "") + ". Requests are refused until they can be read."
                : "Proxy settings are not loaded yet; Redis is unreachable. Requests are refused until the gateway can read them; check that Redis is running.";
            Log.SettingsNotLoaded(logger, RequestIds.Get(context), context.Request.Method, context.Request.Path);
            await ProtocolErrorWriter.WriteAsync(context, ApiError.Unavailable(message, "settings_unavailable")).ConfigureAwait(false);
            return;
        }

        if (!settings.Enabled)
        {
            Log.ServiceDisabled(logger, RequestIds.Get(context), context.Request.Method, context.Request.Path);
            await ProtocolErrorWriter.WriteAsync(
                context,
                ApiError.Unavailable(DisabledMessage + "; start it from the dashboard (API Proxy → Start).", "service_disabled")).ConfigureAwait(false);
            return;
        }

        await next(context).ConfigureAwait(false);
    }

    private async Task<ProxySettings?> WaitForFirstLoadAsync(CancellationToken cancellationToken)
    {
        if (!redis.IsConnected)
        {
            return null;
        }
        try
        {
            await monitor.WaitUntilLoadedAsync(cancellationToken).WaitAsync(FirstLoadWait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        return monitor.Current;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Refused {Method} {Path} (request {RequestId}): the proxy settings are not loaded.")]
        public static partial void SettingsNotLoaded(ILogger logger, string requestId, string method, PathString path);

        [LoggerMessage(2, LogLevel.Information, "Refused {Method} {Path} (request {RequestId}): the proxy service is disabled.")]
        public static partial void ServiceDisabled(ILogger logger, string requestId, string method, PathString path);
    }
}
