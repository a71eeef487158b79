using System.Net;
using System.Text.Json.Nodes;

namespace Antigravity.IntegrationTests.Gateway;

/// <summary><c>POST /v1/messages</c> against the whole app, with two emulated Antigravity accounts.</summary>
public sealed class MessagesTests(TwoAccountsFixture fixture) : IClassFixture<TwoAccountsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetEmulatorAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_non_streaming_answer_is_an_anthropic_message()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/messages", Json("""
            {"model":"gemini-2.5-flash","max_tokens":256,"metadata":{"user_id":"user-42"},"messages":[{"role":"user","content":"Hello Claude-shaped"}]}
            """));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("message", body["type"]!.GetValue<string>());
        Assert.Equal("assistant", body["role"]!.GetValue<string>());
        Assert.Equal("end_turn", body["stop_reason"]!.GetValue<string>());
        var text = body["content"]!.AsArray().Single(block => block!["type"]!.GetValue<string>() == "text")!;
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Hello Claude-shaped", text["text"]!.GetValue<string>());
        Assert.True(body["usage"]!["input_tokens"]!.GetValue<int>() > 0);
        Assert.Contains(Assert.Single(response.Headers.GetValues("X-Account-Id")), fixture.AccountIds.Values);
    }

    [Fact]
    public async Task A_streaming_answer_has_the_anthropic_event_order()
    {
        using var gateway = fixture.Gateway();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = Json("""{"model":"gemini-2.5-flash","max_tokens":256,"stream":true,"messages":[{"role":"user","content":"Stream in Anthropic"}]}"""),
        };
        using var response = await gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var events = lines.Where(line => line.StartsWith("event: ", StringComparison.Ordinal)).Select(line => line["event: ".Length..].Trim()).Where(name => name != "ping").ToList();
        Assert.Equal("message_start", events[0]);
        Assert.Equal("content_block_start", events[1]);
        Assert.Equal("message_delta", events[^2]);
        Assert.Equal("message_stop", events[^1]);
        Assert.Contains("content_block_stop", events);
        var text = string.Concat(lines
            .Where(line => line.StartsWith("data: ", StringComparison.Ordinal))
            .Select(line => JsonNode.Parse(line["data: ".Length..])!)
            .Where(data => data["type"]!.GetValue<string>() == "content_block_delta" && data["delta"]!["type"]!.GetValue<string>() == "text_delta")
            .Select(data => data["delta"]!["text"]!.GetValue<string>()));
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Stream in Anthropic", text);
    }

    [Fact]
    public async Task A_declared_tool_comes_back_as_tool_use()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/messages", Json("""
            {"model":"gemini-2.5-flash","max_tokens":256,"messages":[{"role":"user","content":"Check the weather please"}],
             "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]}
            """));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("tool_use", body["stop_reason"]!.GetValue<string>());
        var toolUse = body["content"]!.AsArray().Single(block => block!["type"]!.GetValue<string>() == "tool_use")!;
        Assert.Equal("get_weather", toolUse["name"]!.GetValue<string>());
        Assert.Equal("Paris", toolUse["input"]!["city"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_request_without_max_tokens_is_a_400_naming_the_field()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/messages", Json("""{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Hi"}]}"""));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("error", body["type"]!.GetValue<string>());
        Assert.Equal("invalid_request_error", body["error"]!["type"]!.GetValue<string>());
        Assert.Contains("max_tokens", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_tokens_matches_the_prompt_tokens_of_the_answer()
    {
        using var gateway = fixture.Gateway();
        const string Messages = "\"messages\":[{\"role\":\"user\",\"content\":\"How many tokens is this sentence exactly?\"}]";
        using var count = await gateway.PostAsync("/v1/messages/count_tokens", Json("{\"model\":\"gemini-2.5-flash\"," + Messages + "}"));
        var countBody = JsonNode.Parse(await count.Content.ReadAsStringAsync())!;
        using var answer = await gateway.PostAsync("/v1/messages", Json("{\"model\":\"gemini-2.5-flash\",\"max_tokens\":64," + Messages + "}"));
        var answerBody = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, count.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var counted = countBody["input_tokens"]!.GetValue<int>();
        Assert.True(counted > 0);
        Assert.Equal(answerBody["usage"]!["input_tokens"]!.GetValue<int>(), counted);
    }

    [Fact]
    public async Task Count_tokens_without_messages_is_a_400_naming_the_field()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/messages/count_tokens", Json("""{"model":"gemini-2.5-flash"}"""));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("messages", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
