using System.Net;
using System.Net.Sockets;

namespace Antigravity.AppHost;

/// <summary>Ports for the resources: the configured one, or one the kernel says is free now.</summary>
internal static class FreePort
{
    /// <summary><paramref name="configured"/>, or a free loopback port when it is 0.</summary>
    public static int Or(int configured) => configured != 0 ? configured : Next();

    /// <summary>A port nothing listens on at this moment (the kernel's pick for an ephemeral bind).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>True when something already listens on <paramref name="port"/> at <paramref name="address"/>.</summary>
    public static bool InUse(IPAddress address, int port)
    {
        try
        {
            using var listener = new TcpListener(address, port);
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return true;
        }
    }
}
