using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Hosting;
using Antigravity.Gateway.Requests;
using Antigravity.Gateway.Upstream;
using Antigravity.Protocols;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Models;
using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Tools;
using Microsoft.Extensions.Options;

namespace Antigravity.Gateway.Chat;

/// <summary>Parses a request body into a protocol's request model, or names the field that is wrong.</summary>
internal delegate ParseResult<TRequest> BodyParser<TRequest>(ReadOnlySpan<byte> body) where TRequest : class;

/// <summary>What the limits look at in a parsed request, whatever its protocol.</summary>
/// <param name="Model">The model the client named (the body's, or the path's for Gemini).</param>
/// <param name="Messages">Messages, contents or input items.</param>
/// <param name="Tools">Tools (function declarations for Gemini).</param>
/// <param name="MessagesField">The field that holds the messages, named in the 400.</param>
internal readonly record struct RequestShape(string? Model, int Messages, int Tools, string MessagesField = "messages");

/// <summary>
/// What every chat route shares around its protocol-specific parser and translators: the body read with its
/// 413 / 415 answers, the protocol-shaped 400 that names the field, model mapping with the live custom mapping,
/// and the hand-over of the translated Gemini request to <see cref="ChatRunner"/>.
/// </summary>
internal sealed class ChatRequestPipeline(
    ChatRunner runner,
    ISignatureCache signatureCache,
    IOptions<UpstreamOptions> options,
    IOptions<GatewayLimitsOptions> limits,
    LargeBodyGate largeBodies,
    TimeProvider time)
{
    /// <summary>The cache that heals thinking signatures a client dropped.</summary>
    public ISignatureCache SignatureCache => signatureCache;

    /// <summary>Now, as Unix seconds, for response ids and <c>created</c> fields.</summary>
    public long NowUnixSeconds => time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>
    /// Reads and parses the body and checks it against the limits (<see cref="GatewayLimitsOptions"/>); on failure
    /// the protocol-shaped error has been written and null comes back.
    /// </summary>
    public async Task<TRequest?> ReadAsync<TRequest>(HttpContext context, ProtocolKind protocol, BodyParser<TRequest> parse, Func<TRequest, RequestShape> shape)
        where TRequest : class
    {
        var (body, readError) = await RequestBodyReader.ReadAsync(context, options.Value.MaxRequestBodyBytes, largeBodies).ConfigureAwait(false);
        if (readError is not null)
        {
            await ProtocolErrorWriter.WriteAsync(context, readError, protocol).ConfigureAwait(false);
            return null;
        }
        var request = context.GatewayRequest();
        request.RawBody = body;
        request.Record?.SetRequestBody(body);
        var parsed = parse(body!);
        if (!parsed.IsSuccess)
        {
            await WriteBadRequestAsync(context, protocol, parsed.Error!).ConfigureAwait(false);
            return null;
        }
        if (OverLimit(shape(parsed.Value), limits.Value) is { } tooMuch)
        {
            await WriteBadRequestAsync(context, protocol, tooMuch).ConfigureAwait(false);
            return null;
        }
        return parsed.Value;
    }

    /// <summary>The first limit <paramref name="shape"/> exceeds, as a 400 naming the limit (never echoing the value).</summary>
    public static ProtocolError? OverLimit(RequestShape shape, GatewayLimitsOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (shape.Model is { } model && model.Length > limits.MaxModelNameLength)
        {
            return new ProtocolError("model", $"The model name is {model.Length} characters long; the gateway accepts at most {limits.MaxModelNameLength} (setting Proxy:Limits:MaxModelNameLength). See /v1/models for the served names.");
        }
        if (shape.Messages > limits.MaxMessages)
        {
            return new ProtocolError(shape.MessagesField, $"The request has {shape.Messages} messages; the gateway accepts at most {limits.MaxMessages} (setting Proxy:Limits:MaxMessages).");
        }
        if (shape.Tools > limits.MaxTools)
        {
            return new ProtocolError("tools", $"The request has {shape.Tools} tools; the gateway accepts at most {limits.MaxTools} (setting Proxy:Limits:MaxTools).");
        }
        return null;
    }

    /// <summary>Maps a client model name with the request's settings: custom exact, most specific wildcard, built-in table, pass-through.</summary>
    public static ModelMapping Map(HttpContext context, string requested, bool thinkingRequested = false)
    {
        var request = context.GatewayRequest();
        var mapping = ModelMapper.Map(StripModelsPrefix(requested), request.Settings?.ModelMapping, thinkingRequested);
        request.Mapping = mapping;
        request.Record?.SetModel(mapping);
        return mapping;
    }

    /// <summary>
    /// Sends an already translated request upstream and answers the client, or writes the translator's 400.
    /// </summary>
    public async Task RunAsync(
        HttpContext context,
        ProtocolKind protocol,
        ParseResult<GeminiGenerateContentRequest> translated,
        ModelMapping mapping,
        string? sessionKey,
        bool stream,
        Func<IClientStream> createStream,
        Func<GeminiGenerateContentResponse, ClientAnswer> translate)
    {
        if (!translated.IsSuccess)
        {
            await WriteBadRequestAsync(context, protocol, translated.Error!).ConfigureAwait(false);
            return;
        }
        var request = context.GatewayRequest();
        if (request.Record is { } record)
        {
            record.Stream = stream;
        }
        var (kinds, fallback) = protocol == ProtocolKind.Anthropic
            ? AccountDispatch.ForAnthropic(request.Settings?.AnthropicDispatch)
            : (AccountDispatch.AllKinds, null);
        var gemini = translated.Value!;
        var call = new UpstreamCall(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(gemini, GeminiJsonContext.Default.GeminiGenerateContentRequest),
            mapping.Upstream,
            sessionKey,
            ProtocolName(protocol))
        {
            Scheduling = request.Scheduling,
            Kinds = kinds,
            FallbackKinds = fallback,
            BuiltInTools = BuiltInTools.Declared(gemini),
            ToolNotices = gemini.ToolNotices ?? [],
            RequiredBuiltInTool = gemini.RequiredBuiltInTool,
            WholeAnswer = !stream,
            PassThrough = protocol is ProtocolKind.Anthropic or ProtocolKind.OpenAi
                && context.Request.Path.StartsWithSegments("/v1/responses") == false
                && request.RawBody is { } raw
                ? new ClientPassThrough(protocol, raw, context.Request.Headers["anthropic-version"].ToString() is { Length: > 0 } v ? v : null,
                    context.Request.Headers["anthropic-beta"].ToString() is { Length: > 0 } b ? b : null, stream)
                : null,
        };
        await runner.RunAsync(context, protocol, call, stream, createStream, translate).ConfigureAwait(false);
    }

    /// <summary>Writes a 400 naming the field, in the client's protocol.</summary>
    public static async Task WriteBadRequestAsync(HttpContext context, ProtocolKind protocol, ProtocolError error)
    {
        context.GatewayRequest().Record?.Fail(string.IsNullOrEmpty(error.Field) ? error.Message : error.Field + ": " + error.Message);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = protocol switch
        {
            ProtocolKind.Anthropic => AnthropicErrorBody.FromProtocolError(error),
            ProtocolKind.Gemini => GeminiErrorBody.FromProtocolError(error),
            _ => OpenAiErrorBody.FromProtocolError(error),
        };
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The protocol's name in lease requests and monitor records.</summary>
    public static string ProtocolName(ProtocolKind protocol) => protocol switch
    {
        ProtocolKind.Anthropic => "anthropic",
        ProtocolKind.Gemini => "gemini",
        _ => "openai",
    };

    /// <summary>The kinds that may count tokens for <paramref name="protocol"/> (Anthropic follows the dispatch setting).</summary>
    public static (IReadOnlyList<string> Kinds, IReadOnlyList<string>? Fallback) CountingKinds(HttpContext context, ProtocolKind protocol) =>
        protocol != ProtocolKind.Anthropic
            ? (AccountDispatch.CountingKinds, null)
            : AccountDispatch.ForAnthropic(context.GatewayRequest().Settings?.AnthropicDispatch);

    /// <summary>Gemini clients may name a model as <c>models/…</c>.</summary>
    public static string StripModelsPrefix(string model) =>
        model.StartsWith("models/", StringComparison.Ordinal) ? model["models/".Length..] : model;
}

/// <summary>The <see cref="RequestShape"/> of protocols whose model is not in the body.</summary>
internal static class RequestShapes
{
    /// <summary>A Gemini request: the model from the path, contents, and every function declaration.</summary>
    public static RequestShape Gemini(string model, GeminiGenerateContentRequest request)
    {
        var tools = 0;
        foreach (var tool in request.Tools ?? [])
        {
            tools += Math.Max(1, tool?.FunctionDeclarations?.Count ?? 0);
        }
        return new RequestShape(model, request.Contents?.Count ?? 0, tools, "contents");
    }
}
