using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Antigravity.Redis.Protocol;

namespace Antigravity.Redis.Tests.Infrastructure;

/// <summary>
/// A tiny in-process server for the cases a real server will not produce on demand (a reply that never comes,
/// an aborted WATCH). <c>respond</c> maps each received command to the raw RESP to send back, or null to stay silent.
/// </summary>
internal sealed class ScriptedRespServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<string[], string?> _respond;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];
    private readonly Task _accept;

    public ScriptedRespServer(Func<string[], string?> respond)
    {
        _respond = respond;
        _listener.Start();
        _accept = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Answers the handshake's PING; everything else goes to <paramref name="respond"/>.</summary>
    public static ScriptedRespServer AnsweringHandshake(Func<string[], string?> respond) =>
        new(command => command[0] == "PING" ? "+PONG\r\n" : respond(command));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_clients)
        {
            foreach (var client in _clients)
            {
                client.Dispose();
            }
        }
        try
        {
            await _accept;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            lock (_clients)
            {
                _clients.Add(client);
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            var stream = client.GetStream();
            var pending = new List<byte>();
            var buffer = new byte[4096];
            while (true)
            {
                var read = await stream.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    return;
                }
                pending.AddRange(buffer.AsSpan(0, read));
                var sequence = new ReadOnlySequence<byte>(pending.ToArray());
                var consumedTotal = 0L;
                while (RespParser.TryParse(sequence, out var command, out var consumed))
                {
                    consumedTotal += sequence.Slice(0, consumed).Length;
                    sequence = sequence.Slice(consumed);
                    var words = command.AsArray().Select(a => a.AsString()!).ToArray();
                    if (_respond(words) is { } reply)
                    {
                        await stream.WriteAsync(Encoding.UTF8.GetBytes(reply), _stop.Token);
                    }
                }
                pending.RemoveRange(0, (int)consumedTotal);
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }
    }
}
