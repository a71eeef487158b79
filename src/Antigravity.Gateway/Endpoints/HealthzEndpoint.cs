using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Hosting;
using Antigravity.Gateway.Routing;
using StackExchange.Redis;

namespace Antigravity.Gateway.Endpoints;

/// <summary><c>GET /healthz</c> (and HEAD): is this gateway serving.</summary>
internal static class HealthzEndpoint
{
    /// <summary>Maps <c>/healthz</c>.</summary>
    public static IEndpointConventionBuilder MapHealthz(this IEndpointRouteBuilder app) =>
        app.MapMethods(ProbePaths.Healthz, [HttpMethods.Get, HttpMethods.Head], Answer);

    private static IResult Answer(HttpContext context, ProxySettingsMonitor monitor, IConnectionMultiplexer redis, GatewayClock clock)
    {
        context.Response.Headers.CacheControl = "no-store";
        var settings = monitor.Current;
        var body = new HealthzResponse(
            "ok",
            GatewayVersion.Current,
            redis.IsConnected ? "connected" : "disconnected",
            settings is null ? "not_loaded" : "loaded",
            settings is null ? "unknown" : settings.Enabled ? "running" : "stopped",
            (long)clock.Uptime.TotalSeconds,
            settings?.Revision ?? 0);
        return HttpMethods.IsHead(context.Request.Method)
            ? TypedResults.Ok()
            : TypedResults.Ok(body);
    }
}
