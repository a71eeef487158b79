using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Monitor;
using Antigravity.Protocols.Models;

namespace Antigravity.Gateway.Requests;

/// <summary>
/// What the request path knows about one request, on one typed feature: set by <see cref="RequestIdMiddleware"/>
/// before anything else runs, filled in as the request goes on, read by everything after it. One request sees
/// one settings revision: <see cref="Settings"/> is taken once and never re-read.
/// </summary>
internal sealed class GatewayRequest(string id, ProxySettings? settings)
{
    /// <summary>The request id (<c>x-request-id</c>).</summary>
    public string Id { get; } = id;

    /// <summary>
    /// The settings this request is served with: the ones in memory when it arrived, or — when none were loaded yet —
    /// the first ones <c>ServiceStateMiddleware</c> waited for. Null only before that middleware (or for probes).
    /// </summary>
    public ProxySettings? Settings { get; set; } = settings;

    /// <summary>The scheduling this request is served with: its snapshot's, or the defaults when no settings were loaded.</summary>
    public SchedulingSettings Scheduling => Settings?.Scheduling ?? DefaultScheduling;

    private static readonly SchedulingSettings DefaultScheduling = new();

    /// <summary>The monitor's record of the request (every proxied request has one; stored only with the monitor on).</summary>
    public RequestRecord? Record { get; set; }

    /// <summary>The request body as read (chat routes), sent byte for byte when a provider of the client's protocol serves it.</summary>
    public byte[]? RawBody { get; set; }

    /// <summary>The client's model and what it maps to (chat routes).</summary>
    public ModelMapping? Mapping { get; set; }
}

/// <summary>Access to <see cref="GatewayRequest"/>.</summary>
internal static class GatewayRequestFeature
{
    /// <summary>The request's <see cref="GatewayRequest"/> (set by <see cref="RequestIdMiddleware"/>, the first middleware).</summary>
    public static GatewayRequest GatewayRequest(this HttpContext context) =>
        context.Features.Get<GatewayRequest>() ?? throw new InvalidOperationException("RequestIdMiddleware must run first on the gateway's request path.");
}
