using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Tests.Infrastructure;

namespace Antigravity.UpstreamEmulator.Tests.Control;

/// <summary>Bodies of the wrong JSON shape get a 400 in the upstream's dialect, never a 500.</summary>
public sealed class MalformedBodiesTests(EmulatorFactory factory) : EmulatorTestBase(factory)
{
    [Theory]
    [InlineData("""{"contents":[{"role":5,"parts":[{"text":"hi"}]}]}""")]
    [InlineData("""{"contents":[{"role":"user","parts":"hi"}]}""")]
    [InlineData("""{"contents":["hi"]}""")]
    [InlineData("""{"contents":[{"role":"user","parts":[{"text":"use a tool"}]}],"tools":[{"functionDeclarations":[{"name":"f","parameters":{"type":"object","properties":{"a":{"type":7}},"required":[1,"a"]}}]}]}""")]
    [InlineData("""{"contents":[{"role":"user","parts":[{"functionResponse":{"name":3,"response":[]}}]}]}""")]
    [InlineData("""{"contents":"everything"}""")]
    public async Task Cloud_code_request_of_the_wrong_shape_is_invalid_argument(string request)
    {
        var envelope = Envelope("gemini-2.5-flash", JsonNode.Parse(request)!.AsObject());

        using var response = await CloudCodeAsync("generateContent", envelope, await AccessTokenAsync());

        await GoogleErrorAsync(response, 400, "INVALID_ARGUMENT");
    }

    [Fact]
    public async Task Cloud_code_body_that_is_not_json_is_invalid_argument()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1internal:generateContent") { Content = Json("{not json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await AccessTokenAsync());

        using var response = await Client.SendAsync(request);

        var error = await GoogleErrorAsync(response, 400, "INVALID_ARGUMENT");
        Assert.StartsWith("Invalid JSON payload received.", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[1]}""")]
    [InlineData("""{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":[1,2]}]}""")]
    [InlineData("""{"model":"claude-sonnet-4-5","max_tokens":"ten","messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""{"model":["claude"],"max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""")]
    [InlineData("""[]""")]
    public async Task Anthropic_request_of_the_wrong_shape_is_invalid_request(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/anthropic/v1/messages") { Content = Json(body) };
        request.Headers.Add("x-api-key", AnthropicKey);

        using var response = await Client.SendAsync(request);

        Assert.Equal("invalid_request_error", (await ErrorAsync(response, 400))["error"]!["type"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"model":"gpt-4o","messages":["hi"]}""")]
    [InlineData("""{"model":"gpt-4o","messages":[{"role":"user","content":{"text":"hi"}}],"tools":[{"type":"function","function":7}]}""")]
    [InlineData("""{"model":"gpt-4o","messages":"hi"}""")]
    public async Task OpenAi_request_of_the_wrong_shape_is_invalid_request(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/openai/v1/chat/completions") { Content = Json(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OpenAiKey);

        using var response = await Client.SendAsync(request);

        Assert.Equal("invalid_request_error", (await ErrorAsync(response, 400))["error"]!["type"]!.GetValue<string>());
    }
}
