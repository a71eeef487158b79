using Microsoft.AspNetCore.Http.Features;

namespace Antigravity.Gateway.Monitor;

/// <summary>
/// Copies the first bytes of a response as they are written (body logging only): a stream between the endpoint
/// and the real response body, installed as the response body feature and removed when the request ends.
/// </summary>
internal sealed class ResponseBodyCapture : Stream
{
    private readonly Stream _inner;
    private readonly byte[] _buffer;
    private int _length;

    private ResponseBodyCapture(Stream inner, int limit)
    {
        _inner = inner;
        _buffer = new byte[limit];
    }

    /// <summary>The bytes copied.</summary>
    public ReadOnlyMemory<byte> Captured => _buffer.AsMemory(0, _length);

    /// <summary>True when the response was longer than what was copied.</summary>
    public bool Truncated { get; private set; }

    /// <summary>Puts a capture in front of the response body; dispose the handle to restore it.</summary>
    public static Installed Install(HttpContext context, int limit)
    {
        var original = context.Features.Get<IHttpResponseBodyFeature>()
            ?? throw new InvalidOperationException("The server gave no response body feature.");
        var capture = new ResponseBodyCapture(original.Stream, limit);
        var feature = new StreamResponseBodyFeature(capture, original);
        context.Features.Set<IHttpResponseBodyFeature>(feature);
        return new Installed(context, original, feature, capture);
    }

    /// <summary>An installed capture.</summary>
    internal sealed class Installed(HttpContext context, IHttpResponseBodyFeature original, StreamResponseBodyFeature feature, ResponseBodyCapture capture)
    {
        /// <summary>The capture.</summary>
        public ResponseBodyCapture Capture => capture;

        /// <summary>Flushes what the endpoint wrote (when it ended normally) and restores the original body.</summary>
        public async Task RemoveAsync(bool completed)
        {
            try
            {
                if (completed)
                {
                    await feature.CompleteAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                context.Features.Set(original);
            }
        }
    }

    private void Copy(ReadOnlySpan<byte> data)
    {
        var room = _buffer.Length - _length;
        if (data.Length > room)
        {
            Truncated = true;
        }
        var take = Math.Min(room, data.Length);
        if (take > 0)
        {
            data[..take].CopyTo(_buffer.AsSpan(_length));
            _length += take;
        }
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush() => _inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count)
    {
        Copy(buffer.AsSpan(offset, count));
        _inner.Write(buffer, offset, count);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Copy(buffer.Span);
        return _inner.WriteAsync(buffer, cancellationToken);
    }
}
