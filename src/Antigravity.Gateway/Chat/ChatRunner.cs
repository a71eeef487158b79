using Antigravity.Gateway.Errors;
using Antigravity.Gateway.Hosting;
using Antigravity.Gateway.Monitor;
using Antigravity.Gateway.Upstream;
using Antigravity.Protocols;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Sse;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Tools;
using Antigravity.Protocols.Upstreams;
using Antigravity.Protocols.Usage;
using Microsoft.Extensions.Options;
using Antigravity.Gateway.Requests;

namespace Antigravity.Gateway.Chat;

/// <summary>A translated non-streaming answer, ready to send; <paramref name="Persist"/> runs before it is sent.</summary>
internal readonly record struct ClientAnswer(byte[] Body, TokenUsage Usage, IReadOnlyList<ToolCallSignature> Signatures, Func<CancellationToken, Task>? Persist = null);

/// <summary>
/// Runs one chat request through the upstream engine and answers the client in its protocol: streaming
/// (events flushed as they arrive, keep-alives on silence, in-band error after the first byte) or aggregated.
/// </summary>
internal sealed partial class ChatRunner(
    UpstreamEngine engine,
    ISignatureCache signatureCache,
    IOptions<UpstreamOptions> options,
    IOptions<GatewayLimitsOptions> limits,
    IHostApplicationLifetime lifetime,
    ILogger<ChatRunner> logger)
{
    /// <summary>What a client reads when the gateway stops while its stream is still running.</summary>
    public const string ShutdownMessage = "The gateway is shutting down; the answer is incomplete. Send the request again.";

    /// <summary>Header naming the upstream model the request was mapped to.</summary>
    public const string MappedModelHeader = "X-Mapped-Model";

    /// <summary>Header naming the account that answered.</summary>
    public const string AccountIdHeader = "X-Account-Id";

    /// <summary>Calls upstream and writes the answer (or the error) to <paramref name="context"/>.</summary>
    public async Task RunAsync(
        HttpContext context,
        ProtocolKind protocol,
        UpstreamCall call,
        bool stream,
        Func<IClientStream> createStream,
        Func<GeminiGenerateContentResponse, ClientAnswer> translate)
    {
        var aborted = context.RequestAborted;
        var result = await engine.SendAsync(call, aborted).ConfigureAwait(false);
        var record = context.GatewayRequest().Record;
        record?.SetUpstream(result.LastLease, result.Attempts);
        if (result.Attempt is null)
        {
            await ProtocolErrorWriter.WriteAsync(context, result.Error!, protocol).ConfigureAwait(false);
            return;
        }

        using var attempt = result.Attempt;
        var response = context.Response;
        response.Headers[MappedModelHeader] = call.Model;
        response.Headers[AccountIdHeader] = attempt.Lease.AccountId;
        if (BuiltInToolSupport.Notices(call, attempt.Lease, attempt.Kind) is { Count: > 0 } notices)
        {
            var notice = string.Join("; ", notices);
            response.Headers[BuiltInTools.NoticeHeader] = notice;
            record?.Note(notice);
            LogToolNotice(logger, attempt.Lease.AccountId, notice);
        }
        if (!stream && call.PassesThroughTo(attempt.Kind))
        {
            await RelayAnswerAsync(context, protocol, attempt, record).ConfigureAwait(false);
            return;
        }
        if (stream)
        {
            await using var upstream = await attempt.Response.Content.ReadAsStreamAsync(aborted).ConfigureAwait(false);
            await StreamAsync(context, call, attempt, upstream, createStream(), record).ConfigureAwait(false);
        }
        else
        {
            await AggregateAsync(context, protocol, call, attempt, translate, record).ConfigureAwait(false);
        }
    }

    private async Task StreamAsync(HttpContext context, UpstreamCall call, UpstreamAttempt attempt, Stream upstream, IClientStream writer, RequestRecord? record)
    {
        var clientGone = context.RequestAborted;
        using var output = new DeadlineWriter(context.Response.BodyWriter, TimeSpan.FromSeconds(limits.Value.StreamWriteTimeoutSeconds), clientGone);
        // The stream runs until the client leaves, or until the drain after a stop signal ends.
        using var draining = CancellationTokenSource.CreateLinkedTokenSource(clientGone);
        var drain = TimeSpan.FromSeconds(limits.Value.ShutdownDrainSeconds);
        using var onStopping = lifetime.ApplicationStopping.Register(() => draining.CancelAfter(drain));
        var aborted = draining.Token;
        StreamRelay.PrepareStreamingResponse(context.Response, writer.ContentType);
        await context.Response.StartAsync(clientGone).ConfigureAwait(false);
        // A client served by a provider of its own protocol gets the provider's events byte for byte; they are
        // still decoded, for usage and to notice an error.
        var passThrough = call.PassesThroughTo(attempt.Kind);
        var passedUsage = default(Protocols.Usage.TokenUsage);
        var relayedError = false;
        try
        {
            await StreamRelay.ReadEventsAsync(
                upstream,
                async (upstreamEvent, raw) =>
                {
                    if (passThrough)
                    {
                        passedUsage = upstreamEvent.UsageMetadata is { } usage ? Protocols.Usage.TokenUsage.FromGemini(usage) : passedUsage;
                        return;
                    }
                    writer.WriteEvent(upstreamEvent, raw, output.Pipe);
                    await output.FlushAsync().ConfigureAwait(false);
                },
                async () =>
                {
                    writer.WriteKeepAlive(output.Pipe);
                    await output.FlushAsync().ConfigureAwait(false);
                },
                TimeSpan.FromSeconds(Math.Max(1, options.Value.KeepAliveSeconds)),
                aborted,
                attempt.Kind.CreateDecoder(),
                passThrough
                    ? async sseEvent =>
                    {
                        relayedError |= sseEvent.EventType == "error";
                        if (sseEvent.EventType is { } eventType)
                        {
                            SseWriter.WriteEvent(output.Pipe, eventType, sseEvent.Data.Span);
                        }
                        else
                        {
                            SseWriter.WriteData(output.Pipe, sseEvent.Data.Span);
                        }
                        await output.FlushAsync().ConfigureAwait(false);
                    }
                    : null).ConfigureAwait(false);
            if (passThrough)
            {
                engine.ReportSuccess(attempt.Lease, passedUsage);
                record?.Usage = passedUsage;
                if (relayedError)
                {
                    record?.Fail("The provider ended the stream with an error event.");
                }
                return;
            }
            writer.Complete(output.Pipe);
            // Whatever must outlive the answer (a stored response) is saved before the client sees the end.
            await writer.PersistAsync(aborted).ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
            engine.ReportSuccess(attempt.Lease, writer.Usage);
            record?.Usage = writer.Usage;
            await StoreSignaturesAsync(call, writer.Signatures).ConfigureAwait(false);
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested && exception is HttpRequestException or IOException or UpstreamStreamException)
        {
            LogStreamBroke(logger, attempt.Lease.AccountId, exception.Message);
            engine.ReportStreamFailure(attempt.Lease, exception.Message);
            record?.Usage = writer.Usage;
            record?.Fail("The upstream stream broke after the answer started: " + exception.Message);
            if (!relayedError)
            {
                writer.WriteError(output.Pipe, "The upstream stream ended unexpectedly; the answer is incomplete. Try again.");
            }
            await FlushLastAsync(context, output).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (output.TimedOut)
        {
            // The client stopped reading: its connection goes, and the upstream call with it (the attempt is disposed).
            LogClientStalled(logger, attempt.Lease.AccountId, limits.Value.StreamWriteTimeoutSeconds);
            record?.Fail($"The client stopped reading the stream for {limits.Value.StreamWriteTimeoutSeconds} s (setting Proxy:Limits:StreamWriteTimeoutSeconds).");
            context.Abort();
        }
        catch (OperationCanceledException) when (clientGone.IsCancellationRequested)
        {
            LogClientGone(logger, attempt.Lease.AccountId);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The drain after a stop signal is over: the client learns it in its protocol, never by a silent cut.
            LogShutdownCut(logger, attempt.Lease.AccountId);
            record?.Usage = writer.Usage;
            record?.Fail(ShutdownMessage);
            if (!passThrough || !relayedError)
            {
                writer.WriteError(output.Pipe, ShutdownMessage);
            }
            await FlushLastAsync(context, output).ConfigureAwait(false);
        }
    }

    private async Task AggregateAsync(
        HttpContext context,
        ProtocolKind protocol,
        UpstreamCall call,
        UpstreamAttempt attempt,
        Func<GeminiGenerateContentResponse, ClientAnswer> translate,
        RequestRecord? record)
    {
        var aborted = context.RequestAborted;
        var aggregator = new GeminiResponseAggregator();
        try
        {
            if (call.AnswersWholeOn(attempt.Kind))
            {
                // One answer, decoded as one event: no stream to frame and gather.
                var whole = await attempt.Response.Content.ReadAsByteArrayAsync(aborted).ConfigureAwait(false);
                var decoder = attempt.Kind.CreateDecoder() ?? throw new InvalidOperationException($"Kind '{attempt.Kind.Kind}' answers whole but has no decoder.");
                var events = new List<GeminiGenerateContentResponse>();
                decoder.Decode(null, whole, events);
                decoder.Complete(events);
                events.ForEach(aggregator.Add);
            }
            else
            {
                await using var upstream = await attempt.Response.Content.ReadAsStreamAsync(aborted).ConfigureAwait(false);
                await StreamRelay.ReadEventsAsync(
                    upstream,
                    (upstreamEvent, _) =>
                    {
                        aggregator.Add(upstreamEvent);
                        return ValueTask.CompletedTask;
                    },
                    null,
                    Timeout.InfiniteTimeSpan,
                    aborted,
                    attempt.Kind.CreateDecoder()).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested && exception is HttpRequestException or IOException or UpstreamStreamException or UpstreamEventException)
        {
            await AnswerBrokeAsync(context, protocol, attempt, exception).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            LogClientGone(logger, attempt.Lease.AccountId);
            return;
        }

        var answer = translate(aggregator.Build());
        if (answer.Persist is { } persist)
        {
            await persist(aborted).ConfigureAwait(false);
        }

        engine.ReportSuccess(attempt.Lease, answer.Usage);
        record?.Usage = answer.Usage;
        await StoreSignaturesAsync(call, answer.Signatures).ConfigureAwait(false);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.Body.WriteAsync(answer.Body, aborted).ConfigureAwait(false);
    }

    /// <summary>
    /// A provider of the client's own protocol answered a request that did not stream: its answer goes to the client as
    /// it is, read once for the usage to report.
    /// </summary>
    private async Task RelayAnswerAsync(HttpContext context, ProtocolKind protocol, UpstreamAttempt attempt, RequestRecord? record)
    {
        var aborted = context.RequestAborted;
        byte[] answer;
        try
        {
            answer = await attempt.Response.Content.ReadAsByteArrayAsync(aborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (!aborted.IsCancellationRequested && exception is HttpRequestException or IOException)
        {
            await AnswerBrokeAsync(context, protocol, attempt, exception).ConfigureAwait(false);
            return;
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            LogClientGone(logger, attempt.Lease.AccountId);
            return;
        }

        var usage = ProviderAnswerUsage.Read(protocol, answer);
        engine.ReportSuccess(attempt.Lease, usage);
        record?.Usage = usage;
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = answer.Length;
        await context.Response.Body.WriteAsync(answer, aborted).ConfigureAwait(false);
    }

    /// <summary>A whole answer broke off before the client saw any of it: a 502 in its protocol, and the pool told.</summary>
    private async Task AnswerBrokeAsync(HttpContext context, ProtocolKind protocol, UpstreamAttempt attempt, Exception exception)
    {
        LogStreamBroke(logger, attempt.Lease.AccountId, exception.Message);
        engine.ReportStreamFailure(attempt.Lease, exception.Message);
        await ProtocolErrorWriter.WriteAsync(context, new ApiError(502, ApiErrorKind.BadGateway,
            "The upstream answer ended unexpectedly; try again.", "upstream_error"), protocol).ConfigureAwait(false);
    }

    /// <summary>Flushes the final error event; a client that does not take it in time loses its connection.</summary>
    private static async Task FlushLastAsync(HttpContext context, DeadlineWriter output)
    {
        try
        {
            await output.FlushAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    }

    private async Task StoreSignaturesAsync(UpstreamCall call, IReadOnlyList<ToolCallSignature> signatures)
    {
        if (call.SessionKey is not null && signatures.Count > 0)
        {
            await signatureCache.StoreAsync(call.SessionKey, signatures).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Request answered by account {AccountId} without part of what it declared: {Notice}")]
    private static partial void LogToolNotice(ILogger logger, string accountId, string notice);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The upstream stream of account {AccountId} broke after the first byte: {Reason}")]
    private static partial void LogStreamBroke(ILogger logger, string accountId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The client stopped reading its stream for {Seconds} s; the stream and the upstream call on account {AccountId} were cancelled")]
    private static partial void LogClientStalled(ILogger logger, string accountId, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway is stopping: a stream on account {AccountId} outlived the drain and ended with an error event")]
    private static partial void LogShutdownCut(ILogger logger, string accountId);

    [LoggerMessage(Level = LogLevel.Information, Message = "The client went away; the upstream call on account {AccountId} was cancelled")]
    private static partial void LogClientGone(ILogger logger, string accountId);
}
