using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Antigravity.Gateway.Hosting;

/// <summary>
/// Turns Kestrel's failure to listen into the one sentence users know from the reference:
/// <c>failed to bind address 127.0.0.1:8045: address already in use</c>.
/// </summary>
internal static class BindFailure
{
    /// <summary>
    /// The sentence for <paramref name="exception"/> when it is a failure to listen, else null.
    /// <paramref name="fallbackAddress"/> (host:port) is used when the exception does not name the address.
    /// </summary>
    public static string? Describe(Exception exception, string? fallbackAddress)
    {
        ArgumentNullException.ThrowIfNull(exception);
        string? reason = null;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            reason = current switch
            {
                AddressInUseException => "address already in use",
                SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } => "address already in use",
                SocketException { SocketErrorCode: SocketError.AccessDenied } => "permission denied",
                SocketException { SocketErrorCode: SocketError.AddressNotAvailable } => "address not available",
                _ => reason,
            };
        }
        if (reason is null)
        {
            return null;
        }
        var address = AddressIn(exception.Message) ?? fallbackAddress ?? "(unknown address)";
        return $"failed to bind address {address}: {reason}";
    }

    /// <summary>host:port from Kestrel's "Failed to bind to address http://127.0.0.1:8045: …", or null.</summary>
    public static string? AddressIn(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        const string Marker = "address ";
        var start = message.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return null;
        }
        start += Marker.Length;
        var end = message.IndexOf(' ', start);
        var token = (end < 0 ? message[start..] : message[start..end]).TrimEnd(':', '.');
        return Uri.TryCreate(token, UriKind.Absolute, out var uri) && uri.Port > 0
            ? HostPort(uri)
            : null;
    }

    /// <summary>host:port of a URL (IPv6 hosts keep their brackets).</summary>
    public static string HostPort(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return $"{uri.Host}:{uri.Port}";
    }
}
