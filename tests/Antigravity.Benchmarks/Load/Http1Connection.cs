using System.Buffers.Text;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Antigravity.Benchmarks.Load;

/// <summary>
/// A keep-alive HTTP/1.1 connection that sends a prepared request and reads the answer with as little work as
/// possible: the status, <c>Content-Length</c> or chunked framing, and a scan of the body for the emulator's
/// answer text. Cheaper per request than <see cref="HttpClient"/>, which matters when the generator shares two
/// cores with the servers it measures, and it sees every read of a stream as it arrives.
/// </summary>
public sealed class Http1Connection(System.Net.IPEndPoint endPoint) : IDisposable
{
    /// <summary>Every emulated answer starts with this word, in every protocol and stream event shape.</summary>
    private static readonly byte[] AnswerMarker = "Emulated"u8.ToArray();

    private Socket? _socket;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private long _lastReadAt;

    // Per exchange.
    private long _sentAt;
    private int _markerMatched;
    private long _firstTokenAt;
    private long _lastBodyAt;
    private long _longestGap;
    private bool _keepBody;
    private readonly StringBuilder _failureBody = new();

    /// <summary>Sends <paramref name="request"/> and reads the whole answer; never throws for a network or HTTP failure.</summary>
    public async Task<ResponseTiming> SendAsync(HttpRequestTemplate request, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var reused = _socket is not null;
            try
            {
                if (_socket is null)
                {
                    _socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    await _socket.ConnectAsync(endPoint, cancellationToken);
                }
                _start = _end = 0;
                _sentAt = Stopwatch.GetTimestamp();
                await _socket.SendAsync(request.Bytes, SocketFlags.None, cancellationToken);
                return await ReadResponseAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is EndOfStreamException or SocketException or IOException && reused && attempt == 0 && _end == 0)
            {
                // The server closed an idle keep-alive connection before this request: open a new one, once.
                Close();
            }
            catch (Exception ex) when (ex is SocketException or IOException or EndOfStreamException or FormatException)
            {
                Close();
                return new ResponseTiming(0, false, Stopwatch.GetTimestamp() - _sentAt, 0, 0, $"{request.Description}: {ex.Message}");
            }
        }
    }

    private async Task<ResponseTiming> ReadResponseAsync(CancellationToken cancellationToken)
    {
        _markerMatched = 0;
        _firstTokenAt = _lastBodyAt = _longestGap = 0;
        _failureBody.Clear();

        int headerEnd;
        while ((headerEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            await FillAsync(cancellationToken);
        }
        var (status, contentLength, chunked, close) = ParseHead(_buffer.AsSpan(_start, headerEnd));
        _start += headerEnd + 4;
        _keepBody = status != 200;

        if (chunked)
        {
            await ReadChunkedAsync(cancellationToken);
        }
        else if (contentLength >= 0)
        {
            for (var remaining = contentLength; remaining > 0;)
            {
                if (_start == _end)
                {
                    await FillAsync(cancellationToken);
                }
                var take = (int)Math.Min(remaining, _end - _start);
                ObserveBody(take);
                remaining -= take;
            }
        }
        else
        {
            close = true;
            while (await TryFillAsync(cancellationToken))
            {
                ObserveBody(_end - _start);
            }
        }
        var total = Stopwatch.GetTimestamp() - _sentAt;
        if (close)
        {
            Close();
        }
        var answered = _markerMatched == AnswerMarker.Length;
        var failure = status == 200 && answered ? null : $"{status} {_failureBody}";
        return new ResponseTiming(status, answered, total, answered ? _firstTokenAt - _sentAt : 0, _longestGap, failure);
    }

    private async Task ReadChunkedAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var size = await ReadChunkSizeAsync(cancellationToken);
            if (size == 0)
            {
                // Trailers, if any, end with an empty line.
                while (await ReadLineLengthAsync(cancellationToken) > 0)
                {
                }
                return;
            }
            for (var remaining = size; remaining > 0;)
            {
                if (_start == _end)
                {
                    await FillAsync(cancellationToken);
                }
                var take = (int)Math.Min(remaining, _end - _start);
                ObserveBody(take);
                remaining -= take;
            }
            if (await ReadLineLengthAsync(cancellationToken) != 0)
            {
                throw new FormatException("A chunk did not end with CRLF.");
            }
        }
    }

    private async Task<long> ReadChunkSizeAsync(CancellationToken cancellationToken)
    {
        int lineEnd;
        while ((lineEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
        {
            await FillAsync(cancellationToken);
        }
        var line = _buffer.AsSpan(_start, lineEnd);
        var extension = line.IndexOf((byte)';');
        if (!Utf8Parser.TryParse(extension >= 0 ? line[..extension] : line, out long size, out _, 'x'))
        {
            throw new FormatException("A chunk size was not hexadecimal.");
        }
        _start += lineEnd + 2;
        return size;
    }

    /// <summary>Consumes one line and returns its length without the CRLF.</summary>
    private async Task<int> ReadLineLengthAsync(CancellationToken cancellationToken)
    {
        int lineEnd;
        while ((lineEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
        {
            await FillAsync(cancellationToken);
        }
        _start += lineEnd + 2;
        return lineEnd;
    }

    /// <summary>Looks at the next <paramref name="count"/> buffered body bytes and consumes them.</summary>
    private void ObserveBody(int count)
    {
        if (_lastBodyAt != 0 && _lastReadAt - _lastBodyAt > _longestGap)
        {
            _longestGap = _lastReadAt - _lastBodyAt;
        }
        _lastBodyAt = _lastReadAt;
        var body = _buffer.AsSpan(_start, count);
        if (_markerMatched < AnswerMarker.Length)
        {
            foreach (var b in body)
            {
                _markerMatched = b == AnswerMarker[_markerMatched] ? _markerMatched + 1 : b == AnswerMarker[0] ? 1 : 0;
                if (_markerMatched == AnswerMarker.Length)
                {
                    _firstTokenAt = _lastReadAt;
                    break;
                }
            }
        }
        if (_keepBody && _failureBody.Length < 400)
        {
            _failureBody.Append(Encoding.UTF8.GetString(body[..Math.Min(body.Length, 400 - _failureBody.Length)]));
        }
        _start += count;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (!await TryFillAsync(cancellationToken))
        {
            throw new EndOfStreamException("The server closed the connection mid-answer.");
        }
    }

    private async Task<bool> TryFillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }
            else
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }
        }
        var read = await _socket!.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        _lastReadAt = Stopwatch.GetTimestamp();
        _end += read;
        return read > 0;
    }

    private static (int Status, long ContentLength, bool Chunked, bool Close) ParseHead(ReadOnlySpan<byte> head)
    {
        // "HTTP/1.1 200 OK"
        if (head.Length < 12 || !Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _))
        {
            throw new FormatException("Not an HTTP/1.1 status line.");
        }
        long contentLength = -1;
        bool chunked = false, close = false;
        var rest = head[(head.IndexOf("\r\n"u8) is var first and >= 0 ? first + 2 : head.Length)..];
        while (!rest.IsEmpty)
        {
            var lineEnd = rest.IndexOf("\r\n"u8);
            var line = lineEnd >= 0 ? rest[..lineEnd] : rest;
            rest = lineEnd >= 0 ? rest[(lineEnd + 2)..] : [];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                Utf8Parser.TryParse(value, out contentLength, out _);
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                chunked = value.IndexOf("chunked"u8) >= 0;
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                close = Ascii.EqualsIgnoreCase(value, "close"u8);
            }
        }
        return (status, chunked ? -1 : contentLength, chunked, close);
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
        _start = _end = 0;
    }

    /// <inheritdoc />
    public void Dispose() => Close();
}
