using System.Text.Json;
using Anthropic;
using Anthropic.Models.Messages;
using Antigravity.AppHost;
using Antigravity.Testing.App;

namespace Antigravity.IntegrationTests.Gateway;

/// <summary>
/// The official Anthropic C# SDK against the whole app: what Claude Code and SDK users see. The emulator
/// rejects a thinking signature it did not issue, or one changed by a byte, with the real upstream error, so
/// a passing multi-turn test proves the signature made the round trip byte-exact.
/// </summary>
public sealed class AnthropicSdkTests(TwoAccountsFixture fixture) : IClassFixture<TwoAccountsFixture>, IAsyncLifetime
{
    private static readonly Tool Weather = new()
    {
        Name = "get_weather",
        Description = "Current weather for a city",
        InputSchema = new InputSchema
        {
            Properties = new Dictionary<string, JsonElement>
            {
                ["city"] = JsonSerializer.SerializeToElement(new { type = "string" }),
            },
            Required = ["city"],
        },
    };

    public Task InitializeAsync() => fixture.ResetEmulatorAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Runs an SDK call; a refused call fails the test with the gateway's error body, not just its status.</summary>
    private async Task<T> Answered<T>(Func<AnthropicClient, Task<T>> call)
    {
        try
        {
            return await call(Client());
        }
        catch (Anthropic.Exceptions.AnthropicBadRequestException refused)
        {
            throw new Xunit.Sdk.XunitException($"The gateway refused the request: {refused.ResponseBody}");
        }
    }

    private AnthropicClient Client() => Client(fixture.App);

    // A turn with thinking on that may call the weather tool.
    private static MessageCreateParams WeatherTurn(string model, params MessageParam[] messages) => new()
    {
        Model = model,
        MaxTokens = 2048,
        Thinking = new ThinkingConfigEnabled { BudgetTokens = 1024 },
        Tools = [Weather],
        Messages = [.. messages],
    };

    // The follow-up of a client that drops thinking blocks, as several coding tools do: the tool_use and its result only.
    private static MessageParam[] ToolResultWithoutThinking(MessageParam question, ToolUseBlock toolUse, string result) =>
    [
        question,
        new AssistantMessageParam { Content = new List<ContentBlockParam> { new ToolUseBlockParam { ID = toolUse.ID, Name = toolUse.Name, Input = toolUse.Input } } },
        new UserMessageParam { Content = new List<ContentBlockParam> { new ToolResultBlockParam { ToolUseID = toolUse.ID, Content = result } } },
    ];

    private static AnthropicClient Client(AntigravityTestApp app) => new()
    {
        BaseUrl = app.GetEndpoint(AntigravityTopology.GatewayName).ToString().TrimEnd('/'),
        ApiKey = "sk-unused-auth-is-off-on-loopback",
        MaxRetries = 0,
    };

    [Fact]
    public async Task A_message_is_answered_with_text_and_usage()
    {
        var message = await Answered(c => c.Messages.Create(new MessageCreateParams
        {
            Model = "claude-sonnet-4-5",
            MaxTokens = 512,
            Messages = [new UserMessageParam { Content = "Hello from the Anthropic SDK" }],
        }));

        var text = string.Concat(message.Content.Select(block => block.TryPickText(out var t) ? t.Text : ""));
        Assert.Equal("Emulated reply from claude-sonnet-4-6 to: Hello from the Anthropic SDK", text);
        Assert.Equal(StopReason.EndTurn, message.StopReason!.Value());
        Assert.True(message.Usage.InputTokens > 0);
        Assert.True(message.Usage.OutputTokens > 0);
    }

    [Fact]
    public async Task A_stream_has_one_message_start_consecutive_blocks_and_a_final_stop_reason()
    {
        var events = await Answered(async c =>
        {
            var received = new List<RawMessageStreamEvent>();
            await foreach (var streamEvent in c.Messages.CreateStreaming(new MessageCreateParams
            {
                Model = "claude-sonnet-4-5",
                MaxTokens = 2048,
                Thinking = new ThinkingConfigEnabled { BudgetTokens = 1024 },
                Messages = [new UserMessageParam { Content = "Think, then answer in a stream" }],
            }))
            {
                received.Add(streamEvent);
            }
            return received;
        });

        Assert.True(events[0].TryPickStart(out var start));
        Assert.True(start!.Message.Usage.InputTokens > 0);
        Assert.Single(events, e => e.TryPickStart(out _));
        Assert.True(events[^1].TryPickStop(out _));
        Assert.True(events[^2].TryPickDelta(out var delta));
        Assert.Equal(StopReason.EndTurn, delta!.Delta.StopReason!.Value());
        Assert.True(delta.Usage.OutputTokens > 0);

        var started = events.Select(e => e.TryPickContentBlockStart(out var s) ? s : null).OfType<RawContentBlockStartEvent>().ToList();
        Assert.Equal(Enumerable.Range(0, started.Count).Select(i => (long)i), started.Select(s => s.Index));
        Assert.True(started[0].ContentBlock.TryPickThinking(out _), "thinking comes first");
        var signatures = events.Select(e => e.TryPickContentBlockDelta(out var d) && d.Delta.TryPickSignature(out var s) ? s.Signature : null).OfType<string>().ToList();
        Assert.NotEmpty(signatures);
        var text = string.Concat(events.Select(e => e.TryPickContentBlockDelta(out var d) && d.Delta.TryPickText(out var t) ? t.Text : ""));
        Assert.Equal("Emulated reply from claude-sonnet-4-6-thinking to: Think, then answer in a stream", text);
    }

    [Fact]
    public async Task A_tool_round_trip_with_thinking_sends_the_signature_back_byte_exact()
    {
        MessageParam question = new UserMessageParam { Content = "What is the weather in Paris? Use the tool." };
        var first = await Answered(c => c.Messages.Create(WeatherTurn("claude-sonnet-4-5", question)));

        Assert.Equal(StopReason.ToolUse, first.StopReason!.Value());
        var thinking = first.Content.Select(b => b.TryPickThinking(out var t) ? t : null).OfType<ThinkingBlock>().Single();
        var toolUse = first.Content.Select(b => b.TryPickToolUse(out var t) ? t : null).OfType<ToolUseBlock>().Single();
        Assert.False(string.IsNullOrEmpty(thinking.Signature));
        Assert.Equal("get_weather", toolUse.Name);
        Assert.Equal("Paris", toolUse.Input["city"].GetString());

        var second = await Answered(c => c.Messages.Create(WeatherTurn(
            "claude-sonnet-4-5",
            question,
            new AssistantMessageParam
            {
                Content = new List<ContentBlockParam>
                {
                    new ThinkingBlockParam { Thinking = thinking.Thinking, Signature = thinking.Signature },
                    new ToolUseBlockParam { ID = toolUse.ID, Name = toolUse.Name, Input = toolUse.Input },
                },
            },
            new UserMessageParam
            {
                Content = new List<ContentBlockParam> { new ToolResultBlockParam { ToolUseID = toolUse.ID, Content = "Sunny, 21 °C" } },
            })));

        Assert.Equal(StopReason.EndTurn, second.StopReason!.Value());
        var answer = string.Concat(second.Content.Select(b => b.TryPickText(out var t) ? t.Text : ""));
        // The tool result reaches the model as the functionResponse {"output": …}, which the emulator echoes.
        Assert.StartsWith("Emulated reply from claude-sonnet-4-6-thinking: the tool get_weather returned {\"output\":\"Sunny, 21", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_that_drops_the_thinking_blocks_is_healed_from_the_signature_cache()
    {
        MessageParam question = new UserMessageParam { Content = "Weather in Paris, via the tool please" };
        var first = await Answered(c => c.Messages.Create(WeatherTurn("gemini-2.5-flash", question)));
        var toolUse = first.Content.Select(b => b.TryPickToolUse(out var t) ? t : null).OfType<ToolUseBlock>().Single();

        // The client keeps only the tool_use; the gateway must restore the signature.
        var second = await Answered(c => c.Messages.Create(WeatherTurn("gemini-2.5-flash", ToolResultWithoutThinking(question, toolUse, "Rain"))));

        var answer = string.Concat(second.Content.Select(b => b.TryPickText(out var t) ? t.Text : ""));
        Assert.Equal("Emulated reply from gemini-2.5-flash: the tool get_weather returned {\"output\":\"Rain\"}", answer);
    }

    [Fact]
    public async Task A_second_gateway_replica_heals_a_signature_only_the_first_one_saw()
    {
        MessageParam question = new UserMessageParam { Content = "Weather in Oslo, via the tool please" };
        var first = await Answered(c => c.Messages.Create(WeatherTurn("gemini-2.5-flash", question)));
        var toolUse = first.Content.Select(b => b.TryPickToolUse(out var t) ? t : null).OfType<ToolUseBlock>().Single();

        // Another gateway on the same Redis (its own emulator shares the signing key, so it accepts the
        // first emulator's signature only if the replica restores it byte-exact from the shared cache). It shares the
        // first one's data directory, as a second deployment must: the key that decrypts the key ring lives there.
        await using var replica = await AntigravityTestApp.StartAsync(options =>
        {
            options.Emulator = true;
            options.Redis = RedisKind.External;
            options.RedisConnectionString = fixture.App.RedisConnectionString;
            options.DataDirectory = fixture.App.DataDirectory;
        });
        Message second;
        try
        {
            second = await Client(replica).Messages.Create(WeatherTurn("gemini-2.5-flash", ToolResultWithoutThinking(question, toolUse, "Snow")));
        }
        catch (Anthropic.Exceptions.AnthropicBadRequestException refused)
        {
            throw new Xunit.Sdk.XunitException($"The replica refused the request: {refused.ResponseBody}");
        }

        var answer = string.Concat(second.Content.Select(b => b.TryPickText(out var t) ? t.Text : ""));
        Assert.Equal("Emulated reply from gemini-2.5-flash: the tool get_weather returned {\"output\":\"Snow\"}", answer);
    }

    [Fact]
    public async Task Count_tokens_gives_the_upstreams_count()
    {
        var counted = await Answered(c => c.Messages.CountTokens(new MessageCountTokensParams
        {
            Model = "claude-sonnet-4-5",
            Messages = [new UserMessageParam { Content = "Count these words for me" }],
        }));

        // The emulator counts one token per 4 characters of every string: "user" + the text.
        Assert.Equal((long)Math.Ceiling("Count these words for me".Length / 4.0) + 1, counted.InputTokens);
    }
}
