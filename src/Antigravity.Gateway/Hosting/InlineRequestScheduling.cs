using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;

namespace Antigravity.Gateway.Hosting;

/// <summary>
/// Runs each request on the thread that read it from its socket instead of queueing it to the thread pool. Every
/// hand-over costs a thread wake-up, which on a small, shared machine is a large part of what the gateway adds to a
/// request; with the AppHost's <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> the upstream's answer also
/// continues on the socket thread that received it, so a whole exchange runs without one. Safe here because the
/// request path never blocks a thread (all I/O is awaited); the one long computation, a large body's parse and
/// translation, moves to the thread pool first (<see cref="Chat.RequestBodyReader"/>).
/// </summary>
internal static class InlineRequestScheduling
{
    /// <summary>Has Kestrel run requests inline on its socket threads.</summary>
    public static WebApplicationBuilder AddInlineRequestScheduling(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<SocketTransportOptions>(options => options.UnsafePreferInlineScheduling = true);
        return builder;
    }
}
