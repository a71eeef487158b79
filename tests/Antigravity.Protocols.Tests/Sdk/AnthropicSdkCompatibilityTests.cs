using System.Text;
using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Tests.Translation;
using Antigravity.Protocols.Translation;

namespace Antigravity.Protocols.Tests.Sdk;

/// <summary>
/// The official Anthropic SDK, with response validation on, reads every stream and answer we produce
/// and sees the same text, thinking, signatures, tool inputs, stop reason and usage.
/// </summary>
public sealed class AnthropicSdkCompatibilityTests
{
    public static TheoryData<string> StreamCases => GoldenFile.Cases("Streams", ".input.sse");

    public static TheoryData<string> AnswerCases => GoldenFile.Cases("GeminiToAnthropic");

    private static readonly MessageCreateParams Parameters = new()
    {
        MaxTokens = 1024,
        Messages = [new UserMessageParam("hi")],
        Model = "claude-sonnet-4-5",
    };

    [Theory]
    [MemberData(nameof(StreamCases))]
    public async Task Sdk_reads_our_stream(string name)
    {
        if (GoldenFile.Optional("Streams", name, ".options.json")?.Contains("\"error\": true", StringComparison.Ordinal) == true)
        {
            return;
        }

        var sse = File.ReadAllText(Path.Combine(GoldenFile.Root, "Streams", name + ".anthropic.expected.sse"));
        var client = Client(Encoding.UTF8.GetBytes(sse), "text/event-stream");
        var text = new StringBuilder();
        var thinking = new StringBuilder();
        var json = new StringBuilder();
        var signatures = new List<string>();
        string? stopReason = null;
        long? outputTokens = null;
        long? inputTokens = null;

        await foreach (var e in client.Messages.CreateStreaming(Parameters))
        {
            e.Validate();
            if (e.TryPickStart(out var start))
            {
                inputTokens = start.Message.Usage.InputTokens;
            }
            else if (e.TryPickContentBlockDelta(out var delta))
            {
                if (delta.Delta.TryPickText(out var t))
                {
                    text.Append(t.Text);
                }
                else if (delta.Delta.TryPickThinking(out var th))
                {
                    thinking.Append(th.Thinking);
                }
                else if (delta.Delta.TryPickSignature(out var s))
                {
                    signatures.Add(s.Signature);
                }
                else if (delta.Delta.TryPickInputJson(out var j))
                {
                    json.Append(j.PartialJson);
                }
            }
            else if (e.TryPickDelta(out var messageDelta))
            {
                stopReason = messageDelta.Delta.StopReason?.Raw();
                outputTokens = messageDelta.Usage.OutputTokens;
            }
        }

        var blocks = StreamInvariants.FoldAnthropic(sse);
        Assert.Equal(string.Concat(blocks.Where(b => b.Type == "text").Select(b => b.Text)), text.ToString());
        Assert.Equal(string.Concat(blocks.Where(b => b.Type == "thinking").Select(b => b.Thinking)), thinking.ToString());
        Assert.Equal(blocks.Where(b => b.Type == "thinking" && b.Signature!.Length > 0).Select(b => b.Signature), signatures);
        Assert.Equal(string.Concat(blocks.Where(b => b.Type is "tool_use" or "server_tool_use").Select(b => JsonSerializer.Serialize(b.Input))), json.ToString());
        Assert.NotNull(stopReason);
        Assert.NotNull(outputTokens);
        Assert.NotNull(inputTokens);
    }

    [Theory]
    [MemberData(nameof(AnswerCases))]
    public async Task Sdk_reads_our_answer(string name)
    {
        var response = CloudCodeEnvelope.ParseResponse(GoldenFile.Input("GeminiToAnthropic", name))!;
        var body = JsonSerializer.SerializeToUtf8Bytes(
            GeminiToAnthropic.Translate(response, ResponseTranslationGoldenTests.AnthropicOptions).Body,
            Antigravity.Protocols.Anthropic.AnthropicJsonContext.Default.AnthropicMessagesResponse);
        var client = Client(body, "application/json");

        var message = await client.Messages.Create(Parameters);

        message.Validate();
        Assert.Equal("msg_test", message.ID);
        Assert.NotNull(message.StopReason);
        using var expected = JsonDocument.Parse(body);
        Assert.Equal(expected.RootElement.GetProperty("content").GetArrayLength(), message.Content.Count);
    }

    private static AnthropicClient Client(byte[] body, string mediaType) => new()
    {
        HttpClient = new HttpClient(new StubHandler(body, mediaType)),
        ApiKey = "test-key",
        BaseUrl = "http://stub.invalid",
        ResponseValidation = true,
        MaxRetries = 0,
    };
}
