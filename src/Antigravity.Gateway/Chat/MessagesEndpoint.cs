using Antigravity.Contracts.Leasing;
using Antigravity.Protocols;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Translation;

namespace Antigravity.Gateway.Chat;

/// <summary><c>POST /v1/messages</c>: Anthropic Messages over the pool.</summary>
internal static class MessagesEndpoint
{
    /// <summary>Maps the route.</summary>
    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/messages", HandleAsync);
        return app;
    }

    private static async Task HandleAsync(HttpContext context, ChatRequestPipeline pipeline)
    {
        if (await pipeline.ReadAsync(context, ProtocolKind.Anthropic, AnthropicRequestParser.Parse,
            r => new RequestShape(r.Model, r.Messages?.Count ?? 0, r.Tools?.Count ?? 0)).ConfigureAwait(false) is not { } request)
        {
            return;
        }

        var mapping = ChatRequestPipeline.Map(context, request.Model!, request.Thinking?.Type is "enabled" or "adaptive");
        var sessionKey = SessionKeys.Create(request.Metadata?.UserId, FirstUserText(request));
        var translated = await AnthropicToGemini.TranslateAsync(request, new RequestTranslationOptions
        {
            UpstreamModel = mapping.Upstream,
            SessionKey = sessionKey,
            SignatureCache = pipeline.SignatureCache,
        }, context.RequestAborted).ConfigureAwait(false);

        var responseOptions = new ResponseTranslationOptions
        {
            Id = "msg_" + Guid.NewGuid().ToString("N"),
            Model = request.Model!,
            CreatedUnixSeconds = pipeline.NowUnixSeconds,
        };
        await pipeline.RunAsync(
            context,
            ProtocolKind.Anthropic,
            translated,
            mapping,
            sessionKey,
            request.Stream == true,
            () => new AnthropicClientStream(responseOptions),
            upstream =>
            {
                var answer = GeminiToAnthropic.Translate(upstream, responseOptions);
                return new ClientAnswer(
                    System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(answer.Body, AnthropicJsonContext.Default.AnthropicMessagesResponse),
                    answer.Usage,
                    answer.Signatures);
            }).ConfigureAwait(false);
    }

    /// <summary>The first real user text (Claude Code's injected <c>&lt;system-reminder&gt;</c> blocks are skipped) for stickiness.</summary>
    private static string? FirstUserText(AnthropicMessagesRequest request)
    {
        foreach (var message in request.Messages ?? [])
        {
            if (message?.Role != "user")
            {
                continue;
            }
            foreach (var block in message.Content ?? [])
            {
                if (block.Type == "text" && !string.IsNullOrWhiteSpace(block.Text)
                    && !block.Text.TrimStart().StartsWith("<system-reminder>", StringComparison.Ordinal))
                {
                    return block.Text;
                }
            }
        }
        return null;
    }
}
