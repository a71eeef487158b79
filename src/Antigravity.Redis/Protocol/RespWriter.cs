using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Antigravity.Redis.Protocol;

/// <summary>Encodes commands as RESP arrays of bulk strings.</summary>
internal static class RespWriter
{
    /// <summary>Encodes one command.</summary>
    public static byte[] Encode(string command, IReadOnlyList<string> args)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        Write(buffer, command, args);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes several commands back to back, so they reach the server contiguously.</summary>
    public static byte[] Encode(IEnumerable<(string Command, IReadOnlyList<string> Args)> commands)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        foreach (var (command, args) in commands)
        {
            Write(buffer, command, args);
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Appends <c>*n</c> followed by the command and its arguments as bulk strings.</summary>
    public static void Write(IBufferWriter<byte> output, string command, IReadOnlyList<string> args)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        ArgumentNullException.ThrowIfNull(args);
        WriteHeader(output, (byte)'*', args.Count + 1);
        WriteBulk(output, command);
        for (var i = 0; i < args.Count; i++)
        {
            WriteBulk(output, args[i] ?? throw new ArgumentException($"Argument {i} of {command} is null.", nameof(args)));
        }
    }

    private static void WriteBulk(IBufferWriter<byte> output, string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        WriteHeader(output, (byte)'$', length);
        var span = output.GetSpan(length + 2);
        var written = Encoding.UTF8.GetBytes(value, span);
        span[written] = (byte)'\r';
        span[written + 1] = (byte)'\n';
        output.Advance(written + 2);
    }

    private static void WriteHeader(IBufferWriter<byte> output, byte prefix, int count)
    {
        var span = output.GetSpan(16);
        span[0] = prefix;
        Utf8Formatter.TryFormat(count, span[1..], out var digits);
        span[1 + digits] = (byte)'\r';
        span[2 + digits] = (byte)'\n';
        output.Advance(3 + digits);
    }
}
