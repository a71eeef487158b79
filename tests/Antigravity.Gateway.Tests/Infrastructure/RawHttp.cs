using System.Net.Sockets;
using System.Text;

namespace Antigravity.Gateway.Tests.Infrastructure;

/// <summary>
/// A bare TCP connection to a gateway on Kestrel, for what an HTTP client library will not send: a body that
/// stops half-way, a malformed chunk, headers past the limit, a client that never reads.
/// </summary>
public sealed class RawHttp : IDisposable
{
    private readonly TcpClient _tcp;

    private RawHttp(TcpClient tcp)
    {
        _tcp = tcp;
        Stream = tcp.GetStream();
    }

    public NetworkStream Stream { get; }

    public static async Task<RawHttp> ConnectAsync(Uri baseAddress, int receiveBufferBytes = 0)
    {
        var tcp = new TcpClient();
        if (receiveBufferBytes > 0)
        {
            tcp.ReceiveBufferSize = receiveBufferBytes;
        }
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
        return new RawHttp(tcp);
    }

    public async Task SendAsync(string text)
    {
        await Stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await Stream.FlushAsync();
    }

    /// <summary>Reads until the server closes the connection (or <paramref name="timeout"/>) and returns the status and body.</summary>
    public async Task<(int Status, string Head, string Body)> ReadResponseAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        try
        {
            int read;
            while ((read = await Stream.ReadAsync(chunk, cancel.Token)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (IsComplete(buffer))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = split < 0 ? text : text[..split];
        var body = split < 0 ? "" : text[(split + 4)..];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }
        var status = head.Length > 12 && int.TryParse(head.AsSpan(9, 3), out var code) ? code : 0;
        return (status, head, body);
    }

    private static bool IsComplete(MemoryStream buffer)
    {
        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return false;
        }
        var head = text[..split];
        if (head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase))
        {
            return text.EndsWith("\r\n0\r\n\r\n", StringComparison.Ordinal);
        }
        var lengthAt = head.IndexOf("Content-Length: ", StringComparison.OrdinalIgnoreCase);
        if (lengthAt < 0)
        {
            return false;
        }
        var end = head.IndexOf('\r', lengthAt);
        var length = int.Parse(head.AsSpan(lengthAt + 16, (end < 0 ? head.Length : end) - lengthAt - 16), System.Globalization.CultureInfo.InvariantCulture);
        return Encoding.UTF8.GetByteCount(text[(split + 4)..]) >= length;
    }

    private static string Dechunk(string body)
    {
        var result = new StringBuilder();
        var at = 0;
        while (at < body.Length)
        {
            var end = body.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (end < 0 || !int.TryParse(body.AsSpan(at, end - at), System.Globalization.NumberStyles.HexNumber, null, out var size) || size == 0)
            {
                break;
            }
            result.Append(body, end + 2, Math.Min(size, body.Length - end - 2));
            at = end + 2 + size + 2;
        }
        return result.ToString();
    }

    public void Dispose() => _tcp.Dispose();
}
