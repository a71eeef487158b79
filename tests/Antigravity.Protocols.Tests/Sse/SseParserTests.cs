using System.Text;
using Antigravity.Protocols.Sse;

namespace Antigravity.Protocols.Tests.Sse;

public sealed class SseParserTests
{
    private static List<(string? Type, string Data)> Parse(IEnumerable<string> chunks, bool complete = true)
    {
        var parser = new SseParser();
        var events = new List<(string?, string)>();
        foreach (var chunk in chunks)
        {
            parser.Append(Encoding.UTF8.GetBytes(chunk));
            while (parser.TryRead(out var e))
            {
                events.Add((e.EventType, Encoding.UTF8.GetString(e.Data.Span)));
            }
        }

        if (complete)
        {
            parser.Complete();
            while (parser.TryRead(out var e))
            {
                events.Add((e.EventType, Encoding.UTF8.GetString(e.Data.Span)));
            }
        }

        return events;
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Every_line_ending_frames_events(string eol)
    {
        var text = $"event: a{eol}data: 1{eol}{eol}data: 2{eol}{eol}";

        var events = Parse([text]);

        Assert.Equal([("a", "1"), (null, "2")], events);
    }

    [Fact]
    public void Events_split_at_every_byte_parse_the_same()
    {
        const string text = "event: message_start\r\ndata: {\"a\":\"é\"}\r\n\r\n: keep-alive\r\n\r\ndata: x\r\n\r\n";
        var bytes = Encoding.UTF8.GetBytes(text);
        var parser = new SseParser();
        var events = new List<string>();
        foreach (var b in bytes)
        {
            parser.Append([b]);
            while (parser.TryRead(out var e))
            {
                events.Add(e.EventType + "|" + Encoding.UTF8.GetString(e.Data.Span));
            }
        }

        Assert.Equal(["message_start|{\"a\":\"é\"}", "|x"], events);
        Assert.Equal(1, parser.CommentCount);
    }

    [Fact]
    public void Crlf_split_between_chunks_is_one_line_end()
    {
        var events = Parse(["data: a\r", "\n\r", "\ndata: b\r\n\r\n"]);

        Assert.Equal([(null, "a"), (null, "b")], events);
    }

    [Fact]
    public void Multi_line_data_joins_with_newline_and_only_one_space_is_stripped()
    {
        var events = Parse(["data:first\ndata:  second\ndata\n\n"]);

        Assert.Equal([(null, "first\n second\n")], events);
    }

    [Fact]
    public void Comments_and_unknown_fields_are_ignored_and_events_without_data_are_not_dispatched()
    {
        var events = Parse([": ping\n\nevent: lonely\n\nretry: 10\nfoo: bar\ndata: x\n\n"]);

        Assert.Equal([(null, "x")], events);
    }

    [Fact]
    public void Unterminated_last_event_is_dispatched_on_complete_only()
    {
        Assert.Empty(Parse(["data: tail"], complete: false));
        Assert.Equal([(null, "tail")], Parse(["data: tail"]));
    }

    [Fact]
    public void Leading_bom_is_skipped_and_done_sentinel_is_recognised()
    {
        var parser = new SseParser();
        parser.Append([0xEF, 0xBB, 0xBF, .. "data: [DONE]\n\n"u8]);

        Assert.True(parser.TryRead(out var e));
        Assert.True(e.IsDone);
    }

    [Fact]
    public void Writer_output_parses_back_to_the_same_events()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        SseWriter.WriteEvent(buffer, "content_block_delta", "{\"a\":1}"u8);
        SseWriter.WriteData(buffer, "line1\nline2"u8);
        SseWriter.WriteComment(buffer, "keep-alive");
        SseWriter.WriteDone(buffer);
        var text = Encoding.UTF8.GetString(buffer.WrittenSpan);

        Assert.Equal("event: content_block_delta\ndata: {\"a\":1}\n\ndata: line1\ndata: line2\n\n: keep-alive\n\ndata: [DONE]\n\n", text);
        Assert.Equal([("content_block_delta", "{\"a\":1}"), (null, "line1\nline2"), (null, "[DONE]")], Parse([text]));
    }
}
