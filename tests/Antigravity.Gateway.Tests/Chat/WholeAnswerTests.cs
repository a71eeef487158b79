using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Antigravity.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Antigravity.Gateway.Tests.Chat;

/// <summary>
/// A client that does not stream, served by an OpenAI-compatible provider in another protocol: the provider is asked
/// for one whole answer (no stream to frame and gather) and that answer is translated into the client's protocol.
/// </summary>
public sealed class WholeAnswerTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const string AnthropicRequest = """
        {"model":"deepseek-chat","max_tokens":100,
         "tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
         "messages":[{"role":"user","content":"Weather in Paris?"}]}
        """;

    private static string OpenAiCompatibleLease(string baseUrl) =>
        $$"""{"leaseId":"lease-oa","accountId":"acc-oa","kind":"openai-compatible","apiKey":"sk-provider","baseUrls":["{{baseUrl}}/v1"],"upstreamModel":"deepseek-chat"}""";

    [Fact]
    public async Task An_anthropic_client_that_does_not_stream_gets_the_providers_whole_answer_translated()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        string? sent = null;
        upstream.Handler = async context =>
        {
            sent = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""
                {"id":"c1","object":"chat.completion","model":"deepseek-chat","choices":[{"index":0,"message":{"role":"assistant",
                "content":"Checking.","tool_calls":[{"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]},
                "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":11,"completion_tokens":5,"total_tokens":16}}
                """);
        };
        var gateway = await StartAsync(upstream);
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", new StringContent(AnthropicRequest, Encoding.UTF8, "application/json"));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstreamRequest = JsonNode.Parse(sent!)!;
        Assert.False(upstreamRequest["stream"]!.GetValue<bool>());
        Assert.Null(upstreamRequest["stream_options"]);
        var content = answer["content"]!.AsArray();
        Assert.Equal("Checking.", content.Single(b => b!["type"]!.GetValue<string>() == "text")!["text"]!.GetValue<string>());
        var toolUse = content.Single(b => b!["type"]!.GetValue<string>() == "tool_use")!;
        Assert.Equal("get_weather", toolUse["name"]!.GetValue<string>());
        Assert.Equal("Paris", toolUse["input"]!["city"]!.GetValue<string>());
        Assert.Equal("tool_use", answer["stop_reason"]!.GetValue<string>());
        Assert.Equal((11, 5), (answer["usage"]!["input_tokens"]!.GetValue<int>(), answer["usage"]!["output_tokens"]!.GetValue<int>()));
    }

    [Fact]
    public async Task An_error_in_place_of_the_whole_answer_is_a_502_in_the_clients_protocol()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Body = """{"error":{"message":"provider overloaded","type":"server_error"}}""";
        var gateway = await StartAsync(upstream);
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/v1/messages", new StringContent(AnthropicRequest, Encoding.UTF8, "application/json"));
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("error", answer["type"]!.GetValue<string>());
    }

    private Task<GatewayFactory> StartAsync(FakeUpstream upstream)
    {
        var pool = new FakeAccountPool { LeaseStatus = HttpStatusCode.OK, LeaseBody = OpenAiCompatibleLease(upstream.BaseUrl) };
        return harness.StartGatewayAsync(configure: pool.AddTo);
    }
}
