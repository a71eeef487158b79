using System.Buffers;
using System.Text;

namespace Antigravity.Protocols.Sse;

/// <summary>
/// An incremental server-sent-events parser over bytes, following the WHATWG event-stream rules: lines
/// end with <c>\n</c>, <c>\r\n</c> or <c>\r</c> (also when split across chunks); <c>:</c> lines are
/// comments; one space after the colon is dropped; several <c>data:</c> lines join with <c>\n</c>; a blank
/// line dispatches. Feed chunks with <see cref="Append"/>, drain events with <see cref="TryRead"/>, and call
/// <see cref="Complete"/> at end of stream (an unterminated last event is dispatched, leniently).
/// </summary>
public sealed class SseParser
{
    private readonly ArrayBufferWriter<byte> _line = new(512);
    private readonly ArrayBufferWriter<byte> _data = new(1024);
    private readonly Queue<SseEvent> _ready = new();
    private bool _hasData;
    private string? _eventType;
    private string? _id;
    private bool _afterCr;
    private bool _started;

    /// <summary>Number of comment lines seen (keep-alives).</summary>
    public int CommentCount { get; private set; }

    /// <summary>Feeds the next chunk of the stream.</summary>
    public void Append(ReadOnlySpan<byte> chunk)
    {
        if (!_started && chunk.Length > 0)
        {
            _started = true;
            if (chunk.StartsWith("\uFEFF"u8))
            {
                chunk = chunk[3..];
            }
        }

        while (!chunk.IsEmpty)
        {
            if (_afterCr)
            {
                _afterCr = false;
                if (chunk[0] == (byte)'\n')
                {
                    chunk = chunk[1..];
                    continue;
                }
            }

            var end = chunk.IndexOfAny((byte)'\r', (byte)'\n');
            if (end < 0)
            {
                _line.Write(chunk);
                return;
            }

            if (_line.WrittenCount == 0)
            {
                ProcessLine(chunk[..end]);
            }
            else
            {
                _line.Write(chunk[..end]);
                ProcessLine(_line.WrittenSpan);
                _line.ResetWrittenCount();
            }

            _afterCr = chunk[end] == (byte)'\r';
            chunk = chunk[(end + 1)..];
        }
    }

    /// <summary>Signals end of stream: a pending line and a pending event (with data) are dispatched.</summary>
    public void Complete()
    {
        if (_line.WrittenCount > 0)
        {
            ProcessLine(_line.WrittenSpan);
            _line.ResetWrittenCount();
        }

        Dispatch();
    }

    /// <summary>Takes the next complete event, if any.</summary>
    public bool TryRead(out SseEvent sseEvent) => _ready.TryDequeue(out sseEvent);

    private void ProcessLine(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            Dispatch();
            return;
        }

        if (line[0] == (byte)':')
        {
            CommentCount++;
            return;
        }

        var colon = line.IndexOf((byte)':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? [] : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ')
        {
            value = value[1..];
        }

        if (field.SequenceEqual("data"u8))
        {
            if (_hasData)
            {
                _data.Write("\n"u8);
            }

            _data.Write(value);
            _hasData = true;
        }
        else if (field.SequenceEqual("event"u8))
        {
            _eventType = Encoding.UTF8.GetString(value);
        }
        else if (field.SequenceEqual("id"u8) && value.IndexOf((byte)0) < 0)
        {
            _id = Encoding.UTF8.GetString(value);
        }
    }

    private void Dispatch()
    {
        if (_hasData)
        {
            _ready.Enqueue(new SseEvent(_eventType, _data.WrittenSpan.ToArray(), _id));
        }

        _data.ResetWrittenCount();
        _hasData = false;
        _eventType = null;
        _id = null;
    }
}
