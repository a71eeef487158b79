using System.Net;
using System.Net.Sockets;

namespace Antigravity.Testing;

/// <summary>Picks TCP ports nobody listens on, for servers started by tests.</summary>
public static class FreePort
{
    /// <summary>A port on 127.0.0.1 that was free a moment ago (the OS picked it).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
