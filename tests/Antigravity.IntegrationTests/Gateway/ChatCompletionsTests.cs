using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpenAI;
using OpenAI.Chat;

namespace Antigravity.IntegrationTests.Gateway;

/// <summary><c>POST /v1/chat/completions</c> against the whole app, with two emulated Antigravity accounts.</summary>
public sealed class ChatCompletionsTests(TwoAccountsFixture fixture) : IClassFixture<TwoAccountsFixture>, IAsyncLifetime
{
    public Task InitializeAsync() => fixture.ResetEmulatorAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private ChatClient SdkClient(string model = "gemini-2.5-flash") =>
        new(model, new ApiKeyCredential("sk-test-unused"), new OpenAIClientOptions
        {
            Endpoint = new Uri(fixture.App.GetEndpoint("gateway"), "/v1"),
        });

    [Fact]
    public async Task The_official_OpenAI_SDK_gets_a_complete_answer()
    {
        ChatCompletion completion = await SdkClient().CompleteChatAsync([new UserChatMessage("Hello from the SDK")]);

        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Hello from the SDK", completion.Content[0].Text);
        Assert.True(completion.Usage.InputTokenCount > 0);
    }

    [Fact]
    public async Task The_official_OpenAI_SDK_streams_the_answer()
    {
        var text = new StringBuilder();
        var updates = 0;
        await foreach (var update in SdkClient().CompleteChatStreamingAsync([new UserChatMessage("Stream me something")]))
        {
            updates++;
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.True(updates > 1, $"only {updates} update(s)");
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Stream me something", text.ToString());
    }

    [Fact]
    public async Task A_non_streaming_answer_is_a_chat_completion_with_the_mapping_headers()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/chat/completions", Json("""{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Hi there"}]}"""));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chat.completion", body["object"]!.GetValue<string>());
        Assert.Equal("gemini-2.5-flash", body["model"]!.GetValue<string>());
        Assert.Equal("assistant", body["choices"]![0]!["message"]!["role"]!.GetValue<string>());
        Assert.Equal("gemini-2.5-flash", Assert.Single(response.Headers.GetValues("X-Mapped-Model")));
        Assert.Contains(Assert.Single(response.Headers.GetValues("X-Account-Id")), fixture.AccountIds.Values);
    }

    [Fact]
    public async Task A_streaming_answer_is_chunks_ending_in_done()
    {
        using var gateway = fixture.Gateway();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions")
        {
            Content = Json("""{"model":"gemini-2.5-flash","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Count to three"}]}"""),
        };
        using var response = await gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no", Assert.Single(response.Headers.GetValues("X-Accel-Buffering")));
        var data = lines.Where(line => line.StartsWith("data: ", StringComparison.Ordinal)).Select(line => line["data: ".Length..]).ToList();
        Assert.Equal("[DONE]", data[^1]);
        var chunks = data[..^1].Select(chunk => JsonNode.Parse(chunk)!).ToList();
        Assert.All(chunks, chunk => Assert.Equal("chat.completion.chunk", chunk["object"]!.GetValue<string>()));
        var text = string.Concat(chunks.Select(chunk => chunk["choices"]?.AsArray().FirstOrDefault()?["delta"]?["content"]?.GetValue<string>()));
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Count to three", text);
        Assert.True(chunks[^1]["usage"]!["prompt_tokens"]!.GetValue<int>() > 0);
    }

    [Fact]
    public async Task A_declared_tool_comes_back_as_a_tool_call()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/chat/completions", Json("""
            {"model":"gemini-2.5-flash","messages":[{"role":"user","content":"What is the weather in Paris?"}],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather for a city",
               "parameters":{"type":"object","properties":{"location":{"type":"string"}},"required":["location"]}}}]}
            """));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var choice = body["choices"]![0]!;
        Assert.Equal("tool_calls", choice["finish_reason"]!.GetValue<string>());
        var call = choice["message"]!["tool_calls"]![0]!;
        Assert.Equal("get_weather", call["function"]!["name"]!.GetValue<string>());
        Assert.Equal("Paris", JsonNode.Parse(call["function"]!["arguments"]!.GetValue<string>())!["location"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_request_without_messages_is_a_400_naming_the_field()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/chat/completions", Json("""{"model":"gemini-2.5-flash"}"""));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", body["error"]!["type"]!.GetValue<string>());
        Assert.Contains("messages", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_json_body_is_a_415()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/chat/completions", new StringContent("hello", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
