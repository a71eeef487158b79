using Antigravity.Contracts.Settings;

namespace Antigravity.Gateway.Requests;

/// <summary>
/// Gives the request its id and puts it on the response before anything else runs, with the name of the
/// gateway process that serves it (<c>x-antigravity-replica</c>) when it runs as one of several replicas, and
/// starts the request's <see cref="GatewayRequest"/> with the settings snapshot it will be served with.
/// </summary>
internal sealed class RequestIdMiddleware(RequestDelegate next, IConfiguration configuration, ProxySettingsMonitor settings)
{
    /// <summary>The header naming the serving replica.</summary>
    public const string ReplicaHeaderName = "x-antigravity-replica";

    private readonly string? _replica = ReplicaOf(configuration["OTEL_RESOURCE_ATTRIBUTES"]);

    public Task InvokeAsync(HttpContext context)
    {
        var sent = context.Request.Headers[RequestIds.HeaderName].ToString();
        var id = RequestIds.IsAcceptable(sent) ? sent : RequestIds.Create();
        context.TraceIdentifier = id;
        context.Features.Set(new GatewayRequest(id, settings.Current));
        context.Response.Headers[RequestIds.HeaderName] = id;
        if (_replica is not null)
        {
            context.Response.Headers[ReplicaHeaderName] = _replica;
        }
        return next(context);
    }

    // The AppHost names each process in OTEL_RESOURCE_ATTRIBUTES: "service.instance.id=gateway-x1y2z3,…".
    internal static string? ReplicaOf(string? resourceAttributes)
    {
        foreach (var attribute in (resourceAttributes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = attribute.Split('=', 2);
            if (parts is [var key, { Length: > 0 } value] && key == "service.instance.id" && RequestIds.IsAcceptable(value))
            {
                return value;
            }
        }
        return null;
    }
}
