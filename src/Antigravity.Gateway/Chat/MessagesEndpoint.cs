using Antigravity.Contracts.Leasing;
using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Upstream;
using Antigravity.Protocols;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Models;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Translation;
using Microsoft.Extensions.Options;

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

    private static async Task HandleAsync(
        HttpContext context,
        ChatRunner runner,
        ISignatureCache signatureCache,
        IOptions<UpstreamOptions> options,
        TimeProvider time)
    {
        var (body, readError) = await RequestBodyReader.ReadAsync(context, options.Value.MaxRequestBodyBytes).ConfigureAwait(false);
        if (readError is not null)
        {
            await ProtocolErrorWriter.WriteAsync(context, readError, ProtocolKind.Anthropic).ConfigureAwait(false);
            return;
        }

        var parsed = AnthropicRequestParser.Parse(body);
        if (!parsed.IsSuccess)
        {
            await WriteBadRequestAsync(context, parsed.Error!).ConfigureAwait(false);
            return;
        }

        var request = parsed.Value!;
        var mapping = ModelMapper.Map(request.Model!, null, request.Thinking?.Type is "enabled" or "adaptive");
        var sessionKey = SessionKeys.Create(request.Metadata?.UserId, FirstUserText(request));
        var translated = await AnthropicToGemini.TranslateAsync(request, new RequestTranslationOptions
        {
            UpstreamModel = mapping.Upstream,
            SessionKey = sessionKey,
            SignatureCache = signatureCache,
        }, context.RequestAborted).ConfigureAwait(false);
        if (!translated.IsSuccess)
        {
            await WriteBadRequestAsync(context, translated.Error!).ConfigureAwait(false);
            return;
        }

        var responseOptions = new ResponseTranslationOptions
        {
            Id = "msg_" + Guid.NewGuid().ToString("N"),
            Model = request.Model!,
            CreatedUnixSeconds = time.GetUtcNow().ToUnixTimeSeconds(),
        };
        var call = new UpstreamCall(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(translated.Value!, GeminiJsonContext.Default.GeminiGenerateContentRequest),
            mapping.Upstream,
            sessionKey,
            "anthropic");
        await runner.RunAsync(
            context,
            ProtocolKind.Anthropic,
            call,
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

    private static async Task WriteBadRequestAsync(HttpContext context, ProtocolError error)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(AnthropicErrorBody.FromProtocolError(error), context.RequestAborted).ConfigureAwait(false);
    }

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
