using System.Buffers;
using System.Text;
using Antigravity.Redis.Protocol;

namespace Antigravity.Redis.Tests.Unit;

public sealed class RespParserTests
{
    // Every reply kind, nested arrays, nulls, an empty bulk string, multi-byte UTF-8 and a CRLF inside a bulk string.
    private const string Stream =
        "+OK\r\n" +
        "-ERR wrong number of arguments\r\n" +
        ":-42\r\n" +
        "$5\r\nhello\r\n" +
        "$0\r\n\r\n" +
        "$-1\r\n" +
        "*-1\r\n" +
        "*0\r\n" +
        "$4\r\na\r\nb\r\n" +
        "$9\r\nh\u00e9llo\u2122\r\n" +
        "*3\r\n:1\r\n*2\r\n$3\r\nfoo\r\n$-1\r\n+x\r\n";

    private static readonly string[] Expected =
    [
        "SimpleString:OK",
        "Error:ERR wrong number of arguments",
        "Integer:-42",
        "BulkString:hello",
        "BulkString:",
        "Null:(nil)",
        "Null:(nil)",
        "Array:[]",
        "BulkString:a\r\nb",
        "BulkString:h\u00e9llo\u2122",
        "Array:[1, [foo, (nil)], x]",
    ];

    [Fact]
    public void Parses_every_reply_kind_from_one_buffer()
    {
        Assert.Equal(Expected, ParseAll(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(Stream))));
    }

    [Fact]
    public void Replies_split_at_every_byte_boundary_parse_the_same()
    {
        var bytes = Encoding.UTF8.GetBytes(Stream);
        for (var split = 1; split < bytes.Length; split++)
        {
            // Feed the first part alone: the parser must take only complete replies and wait for the rest.
            var first = new ReadOnlySequence<byte>(bytes.AsMemory(0, split));
            var parsed = ParseAll(first, out var consumed);
            var rest = bytes.AsSpan((int)consumed).ToArray();
            parsed.AddRange(ParseAll(new ReadOnlySequence<byte>(rest)));

            Assert.Equal(Expected, parsed);
        }
    }

    [Fact]
    public void Replies_spread_over_one_byte_segments_parse_the_same()
    {
        var bytes = Encoding.UTF8.GetBytes(Stream);
        Assert.Equal(Expected, ParseAll(SingleByteSegments.Create(bytes)));
    }

    [Theory]
    [InlineData("?what\r\n")]
    [InlineData(":12x\r\n")]
    [InlineData("$3\r\nabcd\r\n")]
    [InlineData("$-5\r\n")]
    [InlineData("*-2\r\n")]
    public void Malformed_input_is_a_protocol_error(string input)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(input));
        Assert.Throws<RedisProtocolException>(() => RespParser.TryParse(buffer, out _, out _));
    }

    [Fact]
    public void Incomplete_input_consumes_nothing()
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("*2\r\n$3\r\nfoo\r\n$3\r\nba"));
        Assert.False(RespParser.TryParse(buffer, out _, out var consumed));
        Assert.Equal(buffer.Start, consumed);
    }

    private static List<string> ParseAll(ReadOnlySequence<byte> buffer) => ParseAll(buffer, out _);

    private static List<string> ParseAll(ReadOnlySequence<byte> buffer, out long consumedBytes)
    {
        var results = new List<string>();
        var start = buffer.Length;
        while (RespParser.TryParse(buffer, out var reply, out var consumed))
        {
            results.Add($"{reply.Type}:{reply}");
            buffer = buffer.Slice(consumed);
        }
        consumedBytes = start - buffer.Length;
        return results;
    }

    private sealed class SingleByteSegments : ReadOnlySequenceSegment<byte>
    {
        private SingleByteSegments(ReadOnlyMemory<byte> memory, long index)
        {
            Memory = memory;
            RunningIndex = index;
        }

        public static ReadOnlySequence<byte> Create(byte[] bytes)
        {
            var first = new SingleByteSegments(bytes.AsMemory(0, 1), 0);
            var last = first;
            for (var i = 1; i < bytes.Length; i++)
            {
                var next = new SingleByteSegments(bytes.AsMemory(i, 1), i);
                last.Next = next;
                last = next;
            }
            return new ReadOnlySequence<byte>(first, 0, last, 1);
        }
    }
}
