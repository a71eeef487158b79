using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Models.Messages;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Translation;
using OpenAI;
using OpenAI.Chat;

namespace Antigravity.Protocols.Tests.Sdk;

/// <summary>What the official SDKs actually send parses and translates.</summary>
public sealed class SdkRequestParsingTests
{
    private static readonly byte[] MinimalCompletion =
        """{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}]}"""u8.ToArray();

    [Fact]
    public async Task OpenAi_sdk_request_with_images_tools_and_history_translates()
    {
        var handler = new StubHandler(MinimalCompletion, "application/json");
        var client = new ChatClient("gpt-4o", new ApiKeyCredential("k"), new OpenAIClientOptions
        {
            Endpoint = new Uri("http://stub.invalid/v1"),
            Transport = new HttpClientPipelineTransport(new HttpClient(handler)),
        });
        var options = new ChatCompletionOptions
        {
            Temperature = 0.4f,
            MaxOutputTokenCount = 4000,
#pragma warning disable OPENAI001 // reasoning_effort is what Codex-style clients send
            ReasoningEffortLevel = ChatReasoningEffortLevel.Low,
#pragma warning restore OPENAI001
            Tools = { ChatTool.CreateFunctionTool("lookup", "Look up a word", BinaryData.FromString("""{"type":"object","properties":{"word":{"type":"string"}},"required":["word"],"additionalProperties":false}""")) },
        };
        options.StopSequences.Add("END");
        List<ChatMessage> messages =
        [
            new SystemChatMessage("Be brief."),
            new UserChatMessage(ChatMessageContentPart.CreateTextPart("What is this?"), ChatMessageContentPart.CreateImagePart(BinaryData.FromBytes([137, 80, 78, 71]), "image/png")),
            new AssistantChatMessage([ChatToolCall.CreateFunctionToolCall("call_1", "lookup", BinaryData.FromString("""{"word":"png"}"""))]),
            new ToolChatMessage("call_1", "an image format"),
        ];

        await client.CompleteChatAsync(messages, options);
        var parsed = OpenAiRequestParser.Parse(handler.LastRequestBody);
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        var translated = await OpenAiToGemini.TranslateAsync(parsed.Value, new RequestTranslationOptions { UpstreamModel = "gemini-2.5-flash" });

        Assert.True(translated.IsSuccess, translated.Error?.ToString());
        var request = translated.Value;
        Assert.Equal("Be brief.", request.SystemInstruction!.Parts![0].Text);
        Assert.Equal("image/png", request.Contents![0]!.Parts![1].InlineData!.MimeType);
        Assert.Equal("lookup", request.Contents[1]!.Parts![0].FunctionCall!.Name);
        Assert.Equal("lookup", request.Contents[2]!.Parts![0].FunctionResponse!.Name);
        Assert.Equal(4000, request.GenerationConfig!.MaxOutputTokens);
        Assert.Equal(["END"], request.GenerationConfig.StopSequences);
        Assert.Equal(1024, request.GenerationConfig.ThinkingConfig!.ThinkingBudget);
        Assert.Equal("lookup", request.Tools![0].FunctionDeclarations![0].Name);
    }

    [Fact]
    public async Task Anthropic_sdk_request_parses_and_translates()
    {
        var answer = """{"id":"msg_1","type":"message","role":"assistant","model":"m","content":[{"type":"text","text":"ok"}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":1,"output_tokens":1}}"""u8.ToArray();
        var handler = new StubHandler(answer, "application/json");
        var client = new AnthropicClient { HttpClient = new HttpClient(handler), ApiKey = "k", BaseUrl = "http://stub.invalid", MaxRetries = 0 };

        await client.Messages.Create(new MessageCreateParams
        {
            MaxTokens = 2048,
            Model = "claude-sonnet-4-5",
            Messages = [new UserMessageParam("Hello, Claude")],
            StopSequences = ["STOP"],
        });
        var parsed = AnthropicRequestParser.Parse(handler.LastRequestBody);
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        var translated = await AnthropicToGemini.TranslateAsync(parsed.Value, new RequestTranslationOptions { UpstreamModel = "claude-sonnet-4-6" });

        Assert.True(translated.IsSuccess, translated.Error?.ToString());
        Assert.Equal("Hello, Claude", translated.Value.Contents![0]!.Parts![0].Text);
        Assert.Equal(2048, translated.Value.GenerationConfig!.MaxOutputTokens);
        Assert.Equal(["STOP"], translated.Value.GenerationConfig.StopSequences);
    }
}
