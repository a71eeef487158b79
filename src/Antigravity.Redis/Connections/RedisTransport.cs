using System.Net.Security;
using System.Net.Sockets;

namespace Antigravity.Redis.Connections;

/// <summary>Opens the byte stream under a connection: TCP with keepalive, then TLS when <c>ssl=true</c>.</summary>
internal static class RedisTransport
{
    /// <summary>Connects within the connect timeout; failures become <see cref="RedisConnectionException"/> naming the endpoint.</summary>
    public static async Task<Stream> OpenAsync(RedisConnectionOptions options, CancellationToken cancellationToken)
    {
        var endpoint = RedisEndpoint.Describe(options);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        // TCP keepalive finds a peer that vanished without a reset (host gone, NAT entry dropped) on an idle
        // connection, typically the pub/sub one, within about half a minute.
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 15);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 5);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
        Stream? stream = null;
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
            stream = new NetworkStream(socket, ownsSocket: true);
            if (options.Ssl)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = ssl;
                await ssl.AuthenticateAsClientAsync(
                    new SslClientAuthenticationOptions
                    {
                        TargetHost = options.SslHost ?? options.Host,
                        RemoteCertificateValidationCallback = options.CertificateValidation,
                    },
                    timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            if (stream is not null)
            {
                await stream.DisposeAsync().ConfigureAwait(false);
            }
            socket.Dispose();
            if (ex is OperationCanceledException && cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            var reason = ex is OperationCanceledException
                ? $"no connection within {options.ConnectTimeout.TotalMilliseconds:0} ms"
                : ex.Message;
            throw new RedisConnectionException($"Could not connect to Redis at {endpoint}: {reason}", ex);
        }
        return stream;
    }
}
