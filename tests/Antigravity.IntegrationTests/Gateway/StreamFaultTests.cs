using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Antigravity.IntegrationTests.Gateway;

/// <summary>
/// What a streaming client sees when the upstream misbehaves after the first byte: a long silence is bridged
/// by keep-alives, a cut stream ends with an error event in the client's protocol, never a hang or a clean-looking end.
/// </summary>
public sealed class StreamFaultTests(FastKeepAliveFixture fixture) : IClassFixture<FastKeepAliveFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetEmulatorAsync();

    public Task DisposeAsync() => fixture.ResetEmulatorAsync();

    [Fact]
    public async Task A_silent_upstream_is_bridged_by_keep_alives_and_the_answer_still_completes()
    {
        await ScriptAsync(new JsonObject { ["action"] = "stall_stream", ["afterEvents"] = 1, ["delayMs"] = 3500, ["times"] = 1 });

        var (status, text) = await StreamAsync("/v1/chat/completions",
            """{"model":"gemini-2.5-flash","stream":true,"messages":[{"role":"user","content":"Take your time"}]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(": keep-alive", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]", text.TrimEnd(), StringComparison.Ordinal);
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Take your time", OpenAiText(text));
    }

    [Fact]
    public async Task Anthropic_clients_get_ping_events_while_the_upstream_is_silent()
    {
        await ScriptAsync(new JsonObject { ["action"] = "stall_stream", ["afterEvents"] = 1, ["delayMs"] = 3500, ["times"] = 1 });

        var (status, text) = await StreamAsync("/v1/messages",
            """{"model":"gemini-2.5-flash","max_tokens":128,"stream":true,"messages":[{"role":"user","content":"Take your time"}]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var events = Events(text);
        // One ping follows message_start by design; the silence adds more.
        Assert.True(events.Count(name => name == "ping") >= 2, string.Join(",", events));
        Assert.Equal("message_stop", events[^1]);
    }

    [Fact]
    public async Task A_stream_cut_mid_way_ends_an_openai_stream_with_an_error_chunk()
    {
        await ScriptAsync(new JsonObject { ["action"] = "cut_stream", ["afterEvents"] = 2, ["times"] = 1 });

        var (status, text) = await StreamAsync("/v1/chat/completions",
            """{"model":"gemini-2.5-flash","stream":true,"messages":[{"role":"user","content":"This answer will break"}]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var payloads = DataLines(text);
        var error = JsonNode.Parse(payloads.Last(line => line != "[DONE]"))!["error"]!;
        Assert.Equal("server_error", error["type"]!.GetValue<string>());
        Assert.Contains("incomplete", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(payloads, line => line.Contains("\"finish_reason\":\"stop\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_stream_cut_mid_way_ends_an_anthropic_stream_with_an_error_event_and_no_message_stop()
    {
        await ScriptAsync(new JsonObject { ["action"] = "cut_stream", ["afterEvents"] = 2, ["times"] = 1 });

        var (status, text) = await StreamAsync("/v1/messages",
            """{"model":"gemini-2.5-flash","max_tokens":128,"stream":true,"messages":[{"role":"user","content":"This answer will break"}]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var events = Events(text);
        Assert.Equal("message_start", events[0]);
        Assert.Equal("error", events[^1]);
        Assert.DoesNotContain("message_stop", events);
        var error = JsonNode.Parse(DataLines(text)[^1])!;
        Assert.Equal("error", error["type"]!.GetValue<string>());
        Assert.Equal("api_error", error["error"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_stream_cut_mid_way_ends_a_gemini_stream_with_a_google_error()
    {
        await ScriptAsync(new JsonObject { ["action"] = "cut_stream", ["afterEvents"] = 2, ["times"] = 1 });

        var (status, text) = await StreamAsync("/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
            """{"contents":[{"role":"user","parts":[{"text":"This answer will break"}]}]}""");

        Assert.Equal(HttpStatusCode.OK, status);
        var last = JsonNode.Parse(DataLines(text)[^1])!;
        Assert.Equal("UNAVAILABLE", last["error"]!["status"]!.GetValue<string>());
    }

    private async Task<(HttpStatusCode Status, string Text)> StreamAsync(string path, string body)
    {
        using var gateway = fixture.Gateway();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task ScriptAsync(JsonObject behaviour)
    {
        using var emulator = fixture.Emulator();
        using var response = await emulator.PostAsJsonAsync("/_emulator/behaviours", behaviour);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static List<string> DataLines(string text) =>
        [.. text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.StartsWith("data: ", StringComparison.Ordinal)).Select(line => line["data: ".Length..])];

    private static List<string> Events(string text) =>
        [.. text.Split('\n').Where(line => line.StartsWith("event: ", StringComparison.Ordinal)).Select(line => line["event: ".Length..].Trim())];

    private static string OpenAiText(string text) => string.Concat(DataLines(text)
        .Where(line => line != "[DONE]")
        .Select(line => JsonNode.Parse(line)!["choices"]!.AsArray())
        .Where(choices => choices.Count > 0)
        .Select(choices => choices[0]!["delta"]!["content"]?.GetValue<string>() ?? ""));
}
