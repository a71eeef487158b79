using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Tests.Translation;
using Antigravity.Protocols.Translation;
using OpenAI;
using OpenAI.Chat;

namespace Antigravity.Protocols.Tests.Sdk;

/// <summary>The official OpenAI .NET SDK reads every chunk stream and answer we produce.</summary>
public sealed class OpenAiSdkCompatibilityTests
{
    public static TheoryData<string> StreamCases => GoldenFile.Cases("Streams", ".input.sse");

    public static TheoryData<string> AnswerCases => GoldenFile.Cases("GeminiToOpenAi");

    [Theory]
    [MemberData(nameof(StreamCases))]
    public async Task Sdk_reads_our_stream(string name)
    {
        var sse = File.ReadAllText(Path.Combine(GoldenFile.Root, "Streams", name + ".openai.expected.sse"));
        var client = Client(Encoding.UTF8.GetBytes(sse), "text/event-stream");
        var failed = GoldenFile.Optional("Streams", name, ".options.json")?.Contains("\"error\": true", StringComparison.Ordinal) == true;
        var text = new StringBuilder();
        var arguments = new Dictionary<int, StringBuilder>();
        var names = new Dictionary<int, string>();
        ChatFinishReason? finish = null;
        ChatTokenUsage? usage = null;

        async Task ReadAsync()
        {
            await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("hi")]))
            {
                foreach (var part in update.ContentUpdate)
                {
                    text.Append(part.Text);
                }

                foreach (var call in update.ToolCallUpdates)
                {
                    if (call.FunctionName is { } fn)
                    {
                        names[call.Index] = fn;
                    }

                    if (!arguments.TryGetValue(call.Index, out var args))
                    {
                        arguments[call.Index] = args = new StringBuilder();
                    }

                    args.Append(call.FunctionArgumentsUpdate?.ToString());
                }

                finish = update.FinishReason ?? finish;
                usage = update.Usage ?? usage;
            }
        }

        if (failed)
        {
            // The .NET SDK skips the error chunk (the Python and Node SDKs raise it); either way the
            // answer visibly ends without a finish reason instead of looking complete.
            await ReadAsync();
            Assert.Null(finish);
            Assert.Equal("Partial ans", text.ToString());
            return;
        }

        await ReadAsync();

        var expectedText = new StringBuilder();
        var expectedCalls = new List<(string Name, string Args)>();
        foreach (var (_, data, _) in StreamInvariants.Events(sse))
        {
            var delta = data?["choices"]?.AsArray().FirstOrDefault()?["delta"];
            expectedText.Append(delta?["content"]?.GetValue<string>());
            foreach (var call in delta?["tool_calls"]?.AsArray() ?? [])
            {
                expectedCalls.Add((call!["function"]!["name"]!.GetValue<string>(), call["function"]!["arguments"]!.GetValue<string>()));
            }
        }

        Assert.Equal(expectedText.ToString(), text.ToString());
        Assert.Equal(expectedCalls, names.OrderBy(n => n.Key).Select(n => (n.Value, arguments[n.Key].ToString())));
        Assert.NotNull(finish);
        if (name == "usage-chunk")
        {
            Assert.NotNull(usage);
            Assert.Equal(3, usage.InputTokenCount);
            Assert.Equal(9, usage.OutputTokenCount);
            Assert.Equal(7, usage.OutputTokenDetails.ReasoningTokenCount);
            Assert.Equal(1, usage.InputTokenDetails.CachedTokenCount);
        }
    }

    [Theory]
    [MemberData(nameof(AnswerCases))]
    public async Task Sdk_reads_our_answer(string name)
    {
        var response = CloudCodeEnvelope.ParseResponse(GoldenFile.Input("GeminiToOpenAi", name))!;
        var body = JsonSerializer.SerializeToUtf8Bytes(
            GeminiToOpenAi.Translate(response, ResponseTranslationGoldenTests.OpenAiOptions).Body,
            Antigravity.Protocols.OpenAi.OpenAiJsonContext.Default.OpenAiChatCompletion);
        var client = Client(body, "application/json");

        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage("hi")]);

        var expected = JsonNode.Parse(body)!["choices"]![0]!;
        Assert.Equal("chatcmpl-test", completion.Id);
        Assert.Equal(expected["message"]!["content"]?.GetValue<string>() ?? "", string.Concat(completion.Content.Select(p => p.Text)));
        Assert.Equal(expected["message"]!["tool_calls"]?.AsArray().Count ?? 0, completion.ToolCalls.Count);
        foreach (var call in completion.ToolCalls)
        {
            Assert.IsType<JsonObject>(JsonNode.Parse(call.FunctionArguments.ToString()));
        }

        Assert.Equal(expected["finish_reason"]!.GetValue<string>(), completion.FinishReason switch
        {
            ChatFinishReason.Stop => "stop",
            ChatFinishReason.Length => "length",
            ChatFinishReason.ToolCalls => "tool_calls",
            ChatFinishReason.ContentFilter => "content_filter",
            _ => "other",
        });
    }

    private static ChatClient Client(byte[] body, string mediaType) => new(
        "gpt-4o",
        new ApiKeyCredential("test-key"),
        new OpenAIClientOptions
        {
            Endpoint = new Uri("http://stub.invalid/v1"),
            Transport = new HttpClientPipelineTransport(new HttpClient(new StubHandler(body, mediaType))),
            RetryPolicy = new ClientRetryPolicy(0),
        });
}
