#pragma warning disable OPENAI001 // The Responses client is marked experimental in the OpenAI SDK.
using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Antigravity.AppHost;
using OpenAI;
using OpenAI.Responses;

namespace Antigravity.IntegrationTests.Gateway;

/// <summary>
/// <c>/v1/responses</c> with the official OpenAI .NET SDK's Responses client, the way Codex and SDK users call it.
/// With thinking on, the emulator rejects a function call sent back without its signature, so the tool round
/// trips below also prove the signature survived.
/// </summary>
public sealed class ResponsesApiTests(TwoAccountsFixture fixture) : IClassFixture<TwoAccountsFixture>, IAsyncLifetime
{
    private static readonly ResponseTool Weather = ResponseTool.CreateFunctionTool(
        "get_weather",
        BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""),
        strictModeEnabled: false,
        functionDescription: "Current weather for a city");

    public Task InitializeAsync() => fixture.ResetEmulatorAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private ResponsesClient Client() => new(new ApiKeyCredential("sk-unused-auth-is-off-on-loopback"), new ResponsesClientOptions
    {
        Endpoint = new Uri(fixture.App.GetEndpoint(AntigravityTopology.GatewayName), "/v1"),
        NetworkTimeout = TimeSpan.FromSeconds(60),
    });

    [Fact]
    public async Task A_response_has_the_answer_text_and_usage()
    {
        var options = new CreateResponseOptions("gemini-2.5-flash", [ResponseItem.CreateUserMessageItem("Hello Responses API")]);

        ResponseResult response = await Client().CreateResponseAsync(options);

        Assert.StartsWith("resp_", response.Id, StringComparison.Ordinal);
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Hello Responses API", response.GetOutputText());
        Assert.True(response.Usage.InputTokenCount > 0);
        Assert.True(response.Usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task A_streamed_response_follows_the_documented_event_order()
    {
        var options = new CreateResponseOptions("gemini-2.5-flash", [ResponseItem.CreateUserMessageItem("Stream the Responses API")])
        {
            ReasoningOptions = new ResponseReasoningOptions { ReasoningEffortLevel = ResponseReasoningEffortLevel.High },
            StreamingEnabled = true,
        };
        var updates = new List<StreamingResponseUpdate>();

        await foreach (var update in await Client().CreateResponseStreamingAsync(options))
        {
            updates.Add(update);
        }

        Assert.IsType<StreamingResponseCreatedUpdate>(updates[0]);
        Assert.IsType<StreamingResponseInProgressUpdate>(updates[1]);
        var completed = Assert.IsType<StreamingResponseCompletedUpdate>(updates[^1]);
        Assert.Equal(Enumerable.Range(0, updates.Count), updates.Select(u => u.SequenceNumber));
        Assert.Contains(updates, u => u is StreamingResponseReasoningSummaryTextDeltaUpdate);
        var text = string.Concat(updates.OfType<StreamingResponseOutputTextDeltaUpdate>().Select(u => u.Delta));
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Stream the Responses API", text);
        Assert.Equal(text, completed.Response.GetOutputText());
        Assert.True(completed.Response.Usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task A_function_call_round_trip_continues_with_previous_response_id()
    {
        var client = Client();
        var first = await client.CreateResponseAsync(new CreateResponseOptions("gemini-2.5-flash", [ResponseItem.CreateUserMessageItem("What is the weather in Paris?")])
        {
            Tools = { Weather },
            ReasoningOptions = new ResponseReasoningOptions { ReasoningEffortLevel = ResponseReasoningEffortLevel.High },
        });
        var call = Assert.Single(first.Value.OutputItems.OfType<FunctionCallResponseItem>());
        Assert.Equal("get_weather", call.FunctionName);
        Assert.Equal("Paris", JsonNode.Parse(call.FunctionArguments.ToString())!["city"]!.GetValue<string>());

        var second = await client.CreateResponseAsync(new CreateResponseOptions("gemini-2.5-flash", [ResponseItem.CreateFunctionCallOutputItem(call.CallId, "Sunny, 21 C")])
        {
            PreviousResponseId = first.Value.Id,
            Tools = { Weather },
            ReasoningOptions = new ResponseReasoningOptions { ReasoningEffortLevel = ResponseReasoningEffortLevel.High },
        });

        Assert.Equal("Emulated reply from gemini-2.5-flash: the tool get_weather returned {\"output\":\"Sunny, 21 C\"}", second.Value.GetOutputText());
        Assert.Equal(first.Value.Id, second.Value.PreviousResponseId);
    }

    [Fact]
    public async Task A_stored_response_can_be_read_and_deleted()
    {
        var client = Client();
        var created = await client.CreateResponseAsync(new CreateResponseOptions("gemini-2.5-flash", [ResponseItem.CreateUserMessageItem("Keep me")]));

        var read = await client.GetResponseAsync(created.Value.Id);
        using var gateway = fixture.Gateway();
        using var deleted = await gateway.DeleteAsync($"/v1/responses/{created.Value.Id}");
        using var gone = await gateway.GetAsync($"/v1/responses/{created.Value.Id}");

        Assert.Equal(created.Value.GetOutputText(), read.Value.GetOutputText());
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("""{"model":"gemini-2.5-flash","input":"x","tools":[{"type":"image_generation"}],"tool_choice":{"type":"image_generation"}}""", HttpStatusCode.BadRequest, "tool_choice.type")]
    [InlineData("""{"model":"gemini-2.5-flash","input":"x","previous_response_id":"resp_0123456789abcdef0123456789abcdef"}""", HttpStatusCode.NotFound, "previous_response_not_found")]
    [InlineData("""{"model":"gemini-2.5-flash","input":[{"type":"function_call_output","output":"x"}]}""", HttpStatusCode.BadRequest, "input[0].call_id")]
    [InlineData("""{"input":"x"}""", HttpStatusCode.BadRequest, "model")]
    public async Task Bad_input_is_refused_in_openai_shape_naming_the_field(string body, HttpStatusCode status, string named)
    {
        using var gateway = fixture.Gateway();

        using var response = await gateway.PostAsync("/v1/responses", new StringContent(body, Encoding.UTF8, "application/json"));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(named, error.ToJsonString(), StringComparison.Ordinal);
    }
}
