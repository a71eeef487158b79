using System.Net;
using System.Net.Sockets;

namespace Antigravity.AppHost.Hosting;

/// <summary>Free-port picking and the "port already taken" check done before anything starts.</summary>
public static class PortChecks
{
    /// <summary>A port nobody listens on at this moment, on <paramref name="host"/>.</summary>
    public static int PickFreePort(string host = "127.0.0.1")
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(Parse(host), 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    /// <summary>True when <paramref name="host"/>:<paramref name="port"/> can be bound now.</summary>
    public static bool IsFree(string host, int port)
    {
        try
        {
            using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            listener.Bind(new IPEndPoint(Parse(host), port));
            listener.Listen();
            return true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return false;
        }
    }

    /// <summary>The sentence the AppHost fails with when a port is taken.</summary>
    public static string BindFailure(string resource, ResourceEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return $"{resource}: failed to bind address {endpoint.BindAddress}: address already in use";
    }

    private static IPAddress Parse(string host) => host is "0.0.0.0" or "*" or "+" ? IPAddress.Any : IPAddress.Parse(host);
}
