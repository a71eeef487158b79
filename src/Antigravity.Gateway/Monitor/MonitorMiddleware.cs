using Antigravity.Contracts.Monitor;
using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Hosting;
using Antigravity.Gateway.Requests;
using Antigravity.Gateway.Routing;
using Antigravity.Gateway.Upstream.Kinds;
using Microsoft.AspNetCore.Http.Features;

namespace Antigravity.Gateway.Monitor;

/// <summary>
/// Gives every proxied request (all but health probes and CORS preflights) a <see cref="RequestRecord"/>
/// (<see cref="GatewayRequest.Record"/>), notes when its answer starts, puts what it learnt on the request's trace and meters
/// (<see cref="GatewayTelemetry"/>), and — with the monitor on — hands the finished record to the
/// <see cref="MonitorQueue"/>. With body logging on it also copies the request headers and the first bytes of the response.
/// </summary>
internal sealed class MonitorMiddleware(RequestDelegate next, MonitorQueue queue, UpstreamKinds kinds, ActiveRequests active, TimeProvider time)
{
    private static readonly MonitorSettings Defaults = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var gatewayRequest = context.GatewayRequest();
        var monitor = gatewayRequest.Settings?.Monitor ?? Defaults;
        var request = context.Request;
        if (HttpMethods.IsOptions(request.Method) || ProbePaths.IsProbe(request.Path))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        var server = context.Features.Get<IHttpActivityFeature>()?.Activity;
        var record = new RequestRecord(context.TraceIdentifier, time.GetUtcNow(), time.GetTimestamp(), request.Method,
            request.Path.Value ?? "/", ProtocolOf(request.Path), monitor.Enabled && monitor.LogBodies)
        {
            TraceId = server is { Recorded: true } ? server.TraceId.ToHexString() : null,
        };
        gatewayRequest.Record = record;
        context.Response.OnStarting(static state =>
        {
            var (started, clock) = ((RequestRecord, TimeProvider))state;
            started.FirstByteTimestamp = clock.GetTimestamp();
            return Task.CompletedTask;
        }, (record, time));

        ResponseBodyCapture.Installed? capture = null;
        if (record.KeepBodies)
        {
            record.RequestHeaders = CopyHeaders(request.Headers);
            capture = ResponseBodyCapture.Install(context, MonitorLimits.MaxBodyChars * 2);
        }

        var completed = false;
        active.Started();
        try
        {
            await next(context).ConfigureAwait(false);
            completed = true;
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            record.Fail("The gateway failed while answering (" + exception.GetType().Name + "); see its log for request " + record.Id + ".");
            throw;
        }
        finally
        {
            active.Ended();
            if (capture is not null)
            {
                await capture.RemoveAsync(completed).ConfigureAwait(false);
            }
            if (context.RequestAborted.IsCancellationRequested)
            {
                record.Fail("The client closed the connection before the answer ended.");
            }
            var status = completed ? context.Response.StatusCode : StatusCodes.Status500InternalServerError;
            var end = time.GetTimestamp();
            GatewayTelemetry.RecordRequest(server, record, kinds.GenAiSystemOf(record.AccountKind), status, time.GetElapsedTime(record.StartTimestamp, end),
                record.FirstByteTimestamp == 0 ? null : time.GetElapsedTime(record.StartTimestamp, record.FirstByteTimestamp));
            if (monitor.Enabled)
            {
                queue.Enqueue(Finish(record, status, end, capture?.Capture, request.ContentType, context.Response.ContentType));
            }
        }
    }

    /// <summary>openai, anthropic, gemini (by the path's protocol), or other.</summary>
    public static string ProtocolOf(PathString path)
    {
        if (path.StartsWithSegments("/v1/messages", StringComparison.OrdinalIgnoreCase))
        {
            return "anthropic";
        }
        if (path.StartsWithSegments("/v1beta", StringComparison.OrdinalIgnoreCase))
        {
            return "gemini";
        }
        return path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase) ? "openai" : "other";
    }

    private MonitorEntry Finish(RequestRecord record, int status, long end, ResponseBodyCapture? capture, string? requestType, string? responseType)
    {
        var usage = record.Usage;
        return new MonitorEntry(
            new MonitorRecord
            {
                Id = record.Id,
                Time = record.Time,
                Status = status,
                Protocol = record.Protocol,
                Method = record.Method,
                Path = record.Path,
                ClientModel = record.ClientModel,
                UpstreamModel = record.UpstreamModel,
                AccountId = record.AccountId,
                AccountLabel = record.AccountLabel,
                Stream = record.Stream,
                InputTokens = usage.InputTokens,
                OutputTokens = usage.OutputTokens + usage.ReasoningTokens,
                CachedTokens = usage.CachedInputTokens,
                ThinkingTokens = usage.ReasoningTokens,
                DurationMs = (long)time.GetElapsedTime(record.StartTimestamp, end).TotalMilliseconds,
                FirstByteMs = record.FirstByteTimestamp == 0 ? null : (long)time.GetElapsedTime(record.StartTimestamp, record.FirstByteTimestamp).TotalMilliseconds,
                Attempts = record.Attempts,
                Error = record.Error,
                TraceId = record.TraceId,
                Notice = record.Notice,
            },
            record.RequestHeaders,
            record.RequestBody,
            requestType,
            capture?.Captured,
            capture?.Truncated ?? false,
            responseType);
    }

    private static List<KeyValuePair<string, string>> CopyHeaders(IHeaderDictionary headers)
    {
        var copy = new List<KeyValuePair<string, string>>(headers.Count);
        foreach (var (name, values) in headers)
        {
            copy.Add(new(name, values.ToString()));
        }
        return copy;
    }
}
