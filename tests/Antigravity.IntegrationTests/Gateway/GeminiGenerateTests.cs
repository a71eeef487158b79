using System.Net;
using System.Text.Json.Nodes;

namespace Antigravity.IntegrationTests.Gateway;

/// <summary><c>/v1beta/models/{model}:generateContent</c> and <c>:streamGenerateContent</c> against the whole app.</summary>
public sealed class GeminiGenerateTests(TwoAccountsFixture fixture) : IClassFixture<TwoAccountsFixture>, IAsyncLifetime
{
    private const string Hello = """{"contents":[{"role":"user","parts":[{"text":"Hello Gemini client"}]}]}""";

    public Task InitializeAsync() => fixture.ResetEmulatorAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Generate_content_answers_a_plain_gemini_response_without_the_envelope()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1beta/models/gemini-2.5-flash:generateContent", Json(Hello));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(body["response"]);
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Hello Gemini client", body["candidates"]![0]!["content"]!["parts"]![0]!["text"]!.GetValue<string>());
        Assert.True(body["usageMetadata"]!["promptTokenCount"]!.GetValue<int>() > 0);
        Assert.Contains(Assert.Single(response.Headers.GetValues("X-Account-Id")), fixture.AccountIds.Values);
    }

    [Fact]
    public async Task Stream_generate_content_with_alt_sse_streams_plain_events()
    {
        using var gateway = fixture.Gateway();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse") { Content = Json(Hello) };
        using var response = await gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.StartsWith("data: ", StringComparison.Ordinal))
            .Select(line => JsonNode.Parse(line["data: ".Length..])!)
            .ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.True(events.Count > 1);
        Assert.All(events, e => Assert.Null(e["response"]));
        var text = string.Concat(events.Select(e => e["candidates"]?[0]?["content"]?["parts"]?[0]?["text"]?.GetValue<string>()));
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Hello Gemini client", text);
    }

    [Fact]
    public async Task Stream_generate_content_without_alt_sse_is_a_json_array()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1beta/models/gemini-2.5-flash:streamGenerateContent", Json(Hello));
        var array = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(array.Count > 1);
        var text = string.Concat(array.Select(e => e!["candidates"]?[0]?["content"]?["parts"]?[0]?["text"]?.GetValue<string>()));
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Hello Gemini client", text);
    }

    [Fact]
    public async Task A_body_without_contents_is_a_google_400_naming_the_field()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1beta/models/gemini-2.5-flash:generateContent", Json("""{"generationConfig":{}}"""));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", body["error"]!["status"]!.GetValue<string>());
        Assert.Contains("contents", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Count_tokens_matches_the_prompt_tokens_of_generate_content()
    {
        using var gateway = fixture.Gateway();
        using var count = await gateway.PostAsync("/v1beta/models/gemini-2.5-flash:countTokens", Json(Hello));
        var countBody = JsonNode.Parse(await count.Content.ReadAsStringAsync())!;
        using var answer = await gateway.PostAsync("/v1beta/models/gemini-2.5-flash:generateContent", Json(Hello));
        var answerBody = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, count.StatusCode);
        var total = countBody["totalTokens"]!.GetValue<int>();
        Assert.True(total > 0);
        Assert.Equal(answerBody["usageMetadata"]!["promptTokenCount"]!.GetValue<int>(), total);
    }

    [Fact]
    public async Task Count_tokens_without_contents_is_a_400_naming_the_field()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1beta/models/gemini-2.5-flash:countTokens", Json("{}"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("contents", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
