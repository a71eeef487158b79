using System.Text.Json.Nodes;

namespace Antigravity.UpstreamEmulator.Tests.Infrastructure;

/// <summary>Splits raw SSE text into events, insisting on the upstream's exact framing.</summary>
public static class SseReader
{
    public sealed record SseEvent(string? Name, string Data)
    {
        public JsonObject Json => JsonNode.Parse(Data)!.AsObject();
    }

    /// <summary>Google: every event is <c>data: {json}\r\n\r\n</c>.</summary>
    public static IReadOnlyList<SseEvent> Google(string raw)
    {
        Assert.EndsWith("\r\n\r\n", raw, StringComparison.Ordinal);
        var frames = raw[..^4].Split("\r\n\r\n");
        return frames.Select(frame =>
        {
            Assert.StartsWith("data: ", frame, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', frame);
            return new SseEvent(null, frame["data: ".Length..]);
        }).ToList();
    }

    /// <summary>Anthropic: every event is <c>event: name\ndata: {json}\n\n</c>.</summary>
    public static IReadOnlyList<SseEvent> Anthropic(string raw)
    {
        Assert.EndsWith("\n\n", raw, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', raw);
        return raw[..^2].Split("\n\n").Select(frame =>
        {
            var lines = frame.Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("event: ", lines[0], StringComparison.Ordinal);
            Assert.StartsWith("data: ", lines[1], StringComparison.Ordinal);
            var name = lines[0]["event: ".Length..];
            var data = lines[1]["data: ".Length..];
            Assert.Equal(name, JsonNode.Parse(data)!["type"]!.GetValue<string>());
            return new SseEvent(name, data);
        }).ToList();
    }

    /// <summary>OpenAI: every event is <c>data: {json}\n\n</c>, the last one <c>data: [DONE]\n\n</c> (returned without it).</summary>
    public static IReadOnlyList<SseEvent> OpenAi(string raw)
    {
        Assert.EndsWith("data: [DONE]\n\n", raw, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', raw);
        var frames = raw[..^"data: [DONE]\n\n".Length].TrimEnd('\n').Split("\n\n");
        return frames.Select(frame =>
        {
            Assert.StartsWith("data: ", frame, StringComparison.Ordinal);
            return new SseEvent(null, frame["data: ".Length..]);
        }).ToList();
    }
}
