using System.ClientModel;
using System.Text;
using Antigravity.UpstreamEmulator.Tests.Infrastructure;
using OpenAI;
using OpenAI.Chat;

namespace Antigravity.UpstreamEmulator.Tests.OpenAi;

/// <summary>The official OpenAI SDK reads the emulator's answers and streams without complaint.</summary>
public sealed class OfficialSdkTests(EmulatorFactory factory) : EmulatorTestBase(factory)
{
    private readonly ChatClient _chat = new("gpt-4o", new ApiKeyCredential(OpenAiKey),
        new OpenAIClientOptions { Endpoint = new Uri(factory.BaseAddress, "/openai/v1") });

    [Fact]
    public async Task Sdk_reads_a_completion()
    {
        ChatCompletion completion = await _chat.CompleteChatAsync([new UserChatMessage("Hello SDK")]);

        Assert.Equal("Emulated reply from gpt-4o to: Hello SDK", completion.Content[0].Text);
        Assert.Equal(ChatFinishReason.Stop, completion.FinishReason);
        Assert.True(completion.Usage.TotalTokenCount > 0);
    }

    [Fact]
    public async Task Sdk_reads_a_stream_with_usage()
    {
        var text = new StringBuilder();
        ChatTokenUsage? usage = null;
        await foreach (var update in _chat.CompleteChatStreamingAsync([new UserChatMessage("Stream through the SDK please")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
            usage ??= update.Usage;
        }

        Assert.Equal("Emulated reply from gpt-4o to: Stream through the SDK please", text.ToString());
        Assert.NotNull(usage);
    }

    [Fact]
    public async Task Sdk_surfaces_a_bad_key_as_401()
    {
        var wrong = new ChatClient("gpt-4o", new ApiKeyCredential("sk-wrong-0000000000"),
            new OpenAIClientOptions { Endpoint = new Uri(Client.BaseAddress!, "/openai/v1") });

        var error = await Assert.ThrowsAsync<ClientResultException>(() => wrong.CompleteChatAsync([new UserChatMessage("hi")]));

        Assert.Equal(401, error.Status);
    }
}
