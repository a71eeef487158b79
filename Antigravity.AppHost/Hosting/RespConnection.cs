using System.Globalization;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using Antigravity.Redis;

namespace Antigravity.AppHost.Hosting;

/// <summary>A Redis error reply (<c>-ERR …</c>).</summary>
public sealed class RespErrorException(string message) : Exception(message);

/// <summary>
/// The few Redis commands the AppHost itself sends (PING for readiness, GET for the start-up
/// summary) over one short-lived connection, so that probing never depends on the services' client.
/// Only simple strings, errors, integers and bulk strings are understood.
/// </summary>
public sealed class RespConnection : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[4096];
    private int _position;
    private int _filled;

    private RespConnection(TcpClient tcp, Stream stream)
    {
        _tcp = tcp;
        _stream = stream;
    }

    /// <summary>Connects, authenticates and selects the database of <paramref name="options"/>.</summary>
    public static async Task<RespConnection> ConnectAsync(RedisConnectionOptions options, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var tcp = new TcpClient { NoDelay = true };
        try
        {
            await tcp.ConnectAsync(options.Host, options.Port, deadline.Token).ConfigureAwait(false);
            Stream stream = tcp.GetStream();
            if (options.Ssl)
            {
                var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
                await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = options.SslHost ?? options.Host }, deadline.Token).ConfigureAwait(false);
                stream = ssl;
            }
            var connection = new RespConnection(tcp, stream);
            if (options.Password is { } password)
            {
                await connection.ExecuteAsync(options.User is { } user ? ["AUTH", user, password] : ["AUTH", password], deadline.Token).ConfigureAwait(false);
            }
            if (options.Database != 0)
            {
                await connection.ExecuteAsync(["SELECT", options.Database.ToString(CultureInfo.InvariantCulture)], deadline.Token).ConfigureAwait(false);
            }
            return connection;
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    /// <summary>Sends one command; returns the reply as text (null for a nil bulk string).</summary>
    public async Task<string?> ExecuteAsync(IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var request = new StringBuilder();
        request.Append('*').Append(command.Count).Append("\r\n");
        foreach (var part in command)
        {
            request.Append('$').Append(Encoding.UTF8.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken).ConfigureAwait(false);
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);

        var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        switch (line[0])
        {
            case '+':
            case ':':
                return line[1..];
            case '-':
                throw new RespErrorException(line[1..]);
            case '$':
                var length = int.Parse(line.AsSpan(1), CultureInfo.InvariantCulture);
                if (length < 0)
                {
                    return null;
                }
                var payload = await ReadBytesAsync(length + 2, cancellationToken).ConfigureAwait(false);
                return Encoding.UTF8.GetString(payload, 0, length);
            default:
                throw new IOException($"Unexpected Redis reply '{line}'.");
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new List<byte>(64);
        while (true)
        {
            var b = await ReadByteAsync(cancellationToken).ConfigureAwait(false);
            if (b == '\n' && line.Count > 0 && line[^1] == '\r')
            {
                line.RemoveAt(line.Count - 1);
                if (line.Count == 0)
                {
                    throw new IOException("Redis sent an empty reply line.");
                }
                return Encoding.UTF8.GetString(line.ToArray());
            }
            line.Add(b);
        }
    }

    private async Task<byte[]> ReadBytesAsync(int count, CancellationToken cancellationToken)
    {
        var bytes = new byte[count];
        for (var i = 0; i < count; i++)
        {
            bytes[i] = await ReadByteAsync(cancellationToken).ConfigureAwait(false);
        }
        return bytes;
    }

    private async ValueTask<byte> ReadByteAsync(CancellationToken cancellationToken)
    {
        if (_position == _filled)
        {
            _filled = await _stream.ReadAsync(_buffer, cancellationToken).ConfigureAwait(false);
            _position = 0;
            if (_filled == 0)
            {
                throw new IOException("Redis closed the connection.");
            }
        }
        return _buffer[_position++];
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync().ConfigureAwait(false);
        _tcp.Dispose();
    }
}
