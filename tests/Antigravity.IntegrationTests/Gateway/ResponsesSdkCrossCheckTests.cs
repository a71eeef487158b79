using Antigravity.AppHost;
using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Antigravity.Testing.App;
using OpenAI;
using OpenAI.Responses;

namespace Antigravity.IntegrationTests.Gateway;

/// <summary>
/// <c>/v1/responses</c> against the whole app with the official OpenAI .NET SDK 2.15 <c>ResponsesClient</c>: a second
/// suite next to <c>ResponsesApiTests</c>, covering what Codex relies on (output items sent back with <c>store: false</c>),
/// <c>previous_response_id</c> on a second app sharing the first one's Redis, and the refusals.
/// </summary>
public sealed class ResponsesSdkCrossCheckTests(TwoAccountsFixture fixture) : IClassFixture<TwoAccountsFixture>, IAsyncLifetime
{
    private const string Model = "gemini-2.5-flash";

    public Task InitializeAsync() => fixture.ResetEmulatorAsync();

    public Task DisposeAsync() => Task.CompletedTask;

#pragma warning disable OPENAI001 // The Responses client is marked experimental in the SDK.
    private static ResponsesClient SdkClient(AntigravityTestApp app) =>
        new(new ApiKeyCredential("sk-test-unused"), new ResponsesClientOptions { Endpoint = new Uri(app.GetEndpoint("gateway"), "/v1") });

    [Fact]
    public async Task The_SDK_gets_a_complete_response_with_usage()
    {
        ResponseResult response = await SdkClient(fixture.App).CreateResponseAsync(new CreateResponseOptions(Model, [ResponseItem.CreateUserMessageItem("Hello from responses")]));

        Assert.StartsWith("resp_", response.Id, StringComparison.Ordinal);
        Assert.Equal(ResponseStatus.Completed, response.Status);
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Hello from responses", response.GetOutputText());
        Assert.True(response.Usage.InputTokenCount > 0);
        Assert.True(response.Usage.OutputTokenCount > 0);
    }

    [Fact]
    public async Task The_SDK_streams_the_documented_event_sequence()
    {
        var kinds = new List<string>();
        var text = new StringBuilder();
        var sequence = new List<int>();
        string? completedId = null;
        var updates = await SdkClient(fixture.App).CreateResponseStreamingAsync(
            new CreateResponseOptions(Model, [ResponseItem.CreateUserMessageItem("Stream me a reply")]) { StreamingEnabled = true });
        await foreach (var update in updates)
        {
            kinds.Add(update.GetType().Name.Replace("StreamingResponse", "", StringComparison.Ordinal).Replace("Update", "", StringComparison.Ordinal));
            sequence.Add(update.SequenceNumber);
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                text.Append(delta.Delta);
            }
            else if (update is StreamingResponseCompletedUpdate completed)
            {
                completedId = completed.Response.Id;
                Assert.True(completed.Response.Usage.OutputTokenCount > 0);
            }
        }

        Assert.Equal("Emulated reply from gemini-2.5-flash to: Stream me a reply", text.ToString());
        Assert.StartsWith("resp_", completedId, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(0, sequence.Count), sequence);
        var collapsed = kinds.Where((kind, i) => i == 0 || kinds[i - 1] != kind).ToList();
        Assert.Equal(
            ["Created", "InProgress", "OutputItemAdded", "ContentPartAdded", "OutputTextDelta", "OutputTextDone", "ContentPartDone", "OutputItemDone", "Completed"],
            collapsed);
    }

    [Fact]
    public async Task A_function_call_round_trip_ends_in_text()
    {
        var client = SdkClient(fixture.App);
        var tool = ResponseTool.CreateFunctionTool("get_weather", BinaryData.FromString("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""), false, "Weather of a city");
        var first = new CreateResponseOptions(Model, [ResponseItem.CreateUserMessageItem("What is the weather in Paris? Use the tool.")]);
        first.Tools.Add(tool);
        ResponseResult called = await client.CreateResponseAsync(first);

        var call = Assert.Single(called.OutputItems.OfType<FunctionCallResponseItem>());
        Assert.Equal("get_weather", call.FunctionName);
        Assert.StartsWith("fc_", call.Id, StringComparison.Ordinal);

        var second = new CreateResponseOptions(Model, [.. called.OutputItems.Prepend(first.InputItems[0]), ResponseItem.CreateFunctionCallOutputItem(call.CallId, "Sunny, 21 C")])
        {
            StoredOutputEnabled = false,
        };
        second.Tools.Add(tool);
        ResponseResult answered = await client.CreateResponseAsync(second);

        Assert.Equal(ResponseStatus.Completed, answered.Status);
        Assert.Contains("get_weather", answered.GetOutputText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Previous_response_id_continues_on_another_gateway_replica_sharing_redis()
    {
        ResponseResult first = await SdkClient(fixture.App).CreateResponseAsync(new CreateResponseOptions(Model, [ResponseItem.CreateUserMessageItem("Remember the word zebra")]));

        // The second deployment shares the first one's data directory: the key that decrypts the key ring lives there.
        await using var replica = await AntigravityTestApp.StartAsync(options =>
        {
            options.Emulator = true;
            options.Redis = RedisKind.External;
            options.RedisConnectionString = fixture.App.RedisConnectionString;
            options.DataDirectory = fixture.App.DataDirectory;
        });
        var followUp = new CreateResponseOptions(Model, [ResponseItem.CreateUserMessageItem("Which word?")]) { PreviousResponseId = first.Id };
        ResponseResult second = await SdkClient(replica).CreateResponseAsync(followUp);
        ResponseResult fetched = await SdkClient(replica).GetResponseAsync(first.Id);

        Assert.Equal(first.Id, second.PreviousResponseId);
        Assert.Equal("Emulated reply from gemini-2.5-flash to: Which word?", second.GetOutputText());
        Assert.Equal(first.GetOutputText(), fetched.GetOutputText());
        using var emulator = replica.CreateHttpClient(Antigravity.AppHost.AntigravityTopology.EmulatorName);
        var log = await emulator.GetStringAsync("/_emulator/requests");
        Assert.Contains("Remember the word zebra", log, StringComparison.Ordinal);
        Assert.Contains(first.GetOutputText(), log, StringComparison.Ordinal);
    }
#pragma warning restore OPENAI001

    [Fact]
    public async Task A_built_in_tool_forced_by_tool_choice_that_cannot_run_is_a_400_naming_it()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/responses", Json("""{"model":"gemini-2.5-flash","input":"hi","tools":[{"type":"function","name":"f"},{"type":"image_generation"}],"tool_choice":{"type":"image_generation"}}"""));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("tool_choice.type", error["param"]!.GetValue<string>());
        Assert.Contains("image_generation", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_previous_response_id_is_a_404_naming_the_id()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/responses", Json("""{"model":"gemini-2.5-flash","input":"hi","previous_response_id":"resp_doesnotexist"}"""));
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("previous_response_not_found", error["code"]!.GetValue<string>());
        Assert.Contains("resp_doesnotexist", error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_response_stored_with_store_false_cannot_be_fetched_and_a_stored_one_can_be_deleted()
    {
        using var gateway = fixture.Gateway();
        using var unstored = await gateway.PostAsync("/v1/responses", Json("""{"model":"gemini-2.5-flash","input":"hi","store":false}"""));
        var unstoredId = JsonNode.Parse(await unstored.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        using var stored = await gateway.PostAsync("/v1/responses", Json("""{"model":"gemini-2.5-flash","input":"hi"}"""));
        var storedId = JsonNode.Parse(await stored.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.NotFound, (await gateway.GetAsync("/v1/responses/" + unstoredId)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/v1/responses/" + storedId)).StatusCode);
        var deleted = JsonNode.Parse(await (await gateway.DeleteAsync("/v1/responses/" + storedId)).Content.ReadAsStringAsync())!;
        Assert.True(deleted["deleted"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.NotFound, (await gateway.GetAsync("/v1/responses/" + storedId)).StatusCode);
    }
}
