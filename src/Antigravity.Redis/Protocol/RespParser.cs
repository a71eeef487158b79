using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Antigravity.Redis.Protocol;

/// <summary>
/// Incremental RESP2 reply parser. <see cref="TryParse"/> reads one complete reply from the front of a
/// buffer, or reports that more bytes are needed without consuming anything.
/// </summary>
internal static class RespParser
{
    private const int MaxDepth = 64;

    /// <summary>
    /// Parses one reply from <paramref name="buffer"/>. On success, <paramref name="consumed"/> is the position
    /// just after it. Returns false when the buffer holds only part of a reply.
    /// </summary>
    /// <exception cref="RedisProtocolException">The bytes are not valid RESP.</exception>
    public static bool TryParse(ReadOnlySequence<byte> buffer, out RedisResult result, out SequencePosition consumed)
    {
        // A large array arrives in many reads and is tried once per read: check completeness first without
        // allocating anything, and build the reply only once all of it is there.
        var probe = new SequenceReader<byte>(buffer);
        if (!TrySkip(ref probe, 0))
        {
            result = RedisResult.Null;
            consumed = buffer.Start;
            return false;
        }

        var reader = new SequenceReader<byte>(buffer);
        if (TryRead(ref reader, 0, out result))
        {
            consumed = reader.Position;
            return true;
        }
        consumed = buffer.Start;
        return false;
    }

    /// <summary>Moves past one complete reply without building it; false when it is incomplete.</summary>
    private static bool TrySkip(ref SequenceReader<byte> reader, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new RedisProtocolException("Reply nesting is too deep.");
        }
        if (!reader.TryRead(out var prefix) || !TryReadLine(ref reader, out var line))
        {
            return false;
        }
        switch (prefix)
        {
            case (byte)'+' or (byte)'-' or (byte)':':
                return true;
            case (byte)'$':
                var length = ParseInteger(line);
                if (length < 0)
                {
                    return true; // null, or invalid: the building pass reports it
                }
                if (reader.Remaining < length + 2)
                {
                    return false;
                }
                reader.Advance(length + 2);
                return true;
            case (byte)'*':
                var count = ParseInteger(line);
                for (var i = 0L; i < count; i++)
                {
                    if (!TrySkip(ref reader, depth + 1))
                    {
                        return false;
                    }
                }
                return true;
            default:
                throw new RedisProtocolException($"Unexpected reply type byte 0x{prefix:x2}.");
        }
    }

    private static bool TryRead(ref SequenceReader<byte> reader, int depth, out RedisResult result)
    {
        result = RedisResult.Null;
        if (depth > MaxDepth)
        {
            throw new RedisProtocolException("Reply nesting is too deep.");
        }
        if (!reader.TryRead(out var prefix) || !TryReadLine(ref reader, out var line))
        {
            return false;
        }

        switch (prefix)
        {
            case (byte)'+':
                result = RedisResult.SimpleString(Decode(line));
                return true;
            case (byte)'-':
                result = RedisResult.Error(Decode(line));
                return true;
            case (byte)':':
                result = RedisResult.Integer(ParseInteger(line));
                return true;
            case (byte)'$':
                return TryReadBulk(ref reader, ParseInteger(line), out result);
            case (byte)'*':
                return TryReadArray(ref reader, ParseInteger(line), depth, out result);
            default:
                throw new RedisProtocolException($"Unexpected reply type byte 0x{prefix:x2}.");
        }
    }

    private static bool TryReadBulk(ref SequenceReader<byte> reader, long length, out RedisResult result)
    {
        result = RedisResult.Null;
        if (length == -1)
        {
            return true;
        }
        if (length < 0 || length > int.MaxValue - 2)
        {
            throw new RedisProtocolException($"Invalid bulk string length {length}.");
        }
        if (reader.Remaining < length + 2)
        {
            return false;
        }
        var payload = reader.UnreadSequence.Slice(0, length);
        reader.Advance(length);
        if (!reader.IsNext("\r\n"u8, advancePast: true))
        {
            throw new RedisProtocolException("A bulk string is not terminated by CRLF.");
        }
        result = RedisResult.BulkString(Encoding.UTF8.GetString(payload));
        return true;
    }

    private static bool TryReadArray(ref SequenceReader<byte> reader, long count, int depth, out RedisResult result)
    {
        result = RedisResult.Null;
        if (count == -1)
        {
            return true;
        }
        if (count < 0 || count > int.MaxValue)
        {
            throw new RedisProtocolException($"Invalid array length {count}.");
        }
        var items = new RedisResult[count];
        for (var i = 0; i < items.Length; i++)
        {
            if (!TryRead(ref reader, depth + 1, out items[i]))
            {
                return false;
            }
        }
        result = RedisResult.Array(items);
        return true;
    }

    private static bool TryReadLine(ref SequenceReader<byte> reader, out ReadOnlySequence<byte> line) =>
        reader.TryReadTo(out line, "\r\n"u8, advancePastDelimiter: true);

    private static string Decode(ReadOnlySequence<byte> line) => Encoding.UTF8.GetString(line);

    private static long ParseInteger(ReadOnlySequence<byte> line)
    {
        Span<byte> scratch = stackalloc byte[24];
        if (line.Length is 0 or > 24)
        {
            throw new RedisProtocolException("Invalid integer in reply header.");
        }
        line.CopyTo(scratch);
        var digits = scratch[..(int)line.Length];
        if (!Utf8Parser.TryParse(digits, out long value, out var used) || used != digits.Length)
        {
            throw new RedisProtocolException($"Invalid integer '{Encoding.ASCII.GetString(digits)}' in reply.");
        }
        return value;
    }
}
