using System.Buffers;
using System.Text;
using System.Text.Json;
using Antigravity.Contracts.Monitor;
using Antigravity.Dashboard.Auth;
using Antigravity.Dashboard.Monitor;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Antigravity.Dashboard.Endpoints;

/// <summary>
/// The request monitor's admin API (<c>/api/monitor/…</c>, admin password required): the records the gateway
/// stored, newest first with filters and a cursor, one record's detail with its bodies, clearing, and a
/// server-sent-event stream of new records for the live table.
/// </summary>
internal static class MonitorApi
{
    /// <summary>The SSE event name of a new record.</summary>
    public const string RecordEvent = "request";

    public static RouteGroupBuilder MapMonitorApi(this IEndpointRouteBuilder app)
    {
        var monitor = MonitorOpenApi.AdminGroup(app, "/api/monitor", "Monitor");
        monitor.MapGet("/requests", ListAsync)
            .WithName("ListMonitorRequests")
            .WithSummary("Recorded requests, newest first; filters combine; page with before=nextCursor.")
            .AddOpenApiOperationTransformer(MonitorOpenApi.Query(MonitorOpenApi.FilterParameters, MonitorOpenApi.PageParameters));
        monitor.MapGet("/requests/{id}", GetAsync)
            .WithName("GetMonitorRequest")
            .WithSummary("One record with its request headers and bodies and its response body (when body logging was on; secrets redacted).");
        monitor.MapDelete("/requests", ClearAsync)
            .WithName("ClearMonitorRequests")
            .WithSummary("Deletes every record (token statistics stay).");
        monitor.MapGet("/stream", StreamAsync)
            .WithName("StreamMonitorRequests")
            .WithSummary("Server-sent events: one 'request' event (data: the record as JSON, id: its seq) per new record matching the filters; ': heartbeat' comments while idle.")
            .Produces<string>(StatusCodes.Status200OK, "text/event-stream")
            .Produces<ApiErrorResponse>(StatusCodes.Status400BadRequest, "application/json")
            .AddOpenApiOperationTransformer(MonitorOpenApi.Query(MonitorOpenApi.FilterParameters));
        return monitor;
    }

    public static async Task<Results<Ok<MonitorRequestsResponse>, BadRequest<ApiErrorResponse>>> ListAsync(
        HttpRequest request, MonitorStore store, CancellationToken cancellationToken)
    {
        if (MonitorQuery.TryParseFilter(request.Query, out var filter) is { } filterError)
        {
            return TypedResults.BadRequest(new ApiErrorResponse(filterError));
        }
        if (MonitorQuery.TryParsePage(request.Query, out var before, out var limit) is { } pageError)
        {
            return TypedResults.BadRequest(new ApiErrorResponse(pageError));
        }
        var pageTask = store.QueryAsync(filter, before, limit, cancellationToken);
        var totalTask = store.CountAsync(cancellationToken);
        await Task.WhenAll(pageTask, totalTask);
        var page = pageTask.Result;
        return TypedResults.Ok(new MonitorRequestsResponse(page.Items,
            page.NextCursor?.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Scanned, totalTask.Result));
    }

    public static async Task<Results<Ok<MonitorRecordDetail>, JsonHttpResult<ApiErrorResponse>>> GetAsync(
        string id, MonitorStore store, CancellationToken cancellationToken)
    {
        if (id.Length > 200)
        {
            return TypedResults.Json(ApiErrors.Of("No such record: ids are at most 200 characters.", "id"),
                DashboardJsonContext.Relaxed.ApiErrorResponse, statusCode: StatusCodes.Status404NotFound);
        }
        return await store.GetAsync(id, cancellationToken) is { } detail
            ? TypedResults.Ok(detail)
            : TypedResults.Json(ApiErrors.Of($"No record {id}: it was never stored, or it was trimmed or cleared.", "id"),
                DashboardJsonContext.Relaxed.ApiErrorResponse, statusCode: StatusCodes.Status404NotFound);
    }

    public static async Task<Ok<MonitorClearResponse>> ClearAsync(MonitorStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(new MonitorClearResponse(await store.ClearAsync(cancellationToken)));

    /// <summary>Relays new records as server-sent events until the client goes away or the dashboard stops.</summary>
    public static async Task StreamAsync(
        HttpContext context, MonitorLiveFeed feed, IOptions<MonitorStreamOptions> options, IHostApplicationLifetime lifetime)
    {
        if (MonitorQuery.TryParseFilter(context.Request.Query, out var filter) is { } filterError)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await ApiErrors.WriteAsync(context.Response, filterError.Message, filterError.Field);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = stop.Token;
        using var listener = await feed.ListenAsync(cancellationToken);
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();

        var heartbeat = TimeSpan.FromSeconds(options.Value.HeartbeatSeconds);
        var output = response.BodyWriter;
        try
        {
            // The comment starts the response at once, so the browser's EventSource reports "open".
            output.Write(": connected\nretry: 3000\n\n"u8);
            await output.FlushAsync(cancellationToken);
            // One wait at a time: a heartbeat leaves the pending wait in place for the next round.
            Task<bool>? pending = null;
            while (!cancellationToken.IsCancellationRequested)
            {
                pending ??= listener.Records.WaitToReadAsync(cancellationToken).AsTask();
                bool ready;
                try
                {
                    ready = await pending.WaitAsync(heartbeat, cancellationToken);
                }
                catch (TimeoutException)
                {
                    output.Write(": heartbeat\n\n"u8);
                    await output.FlushAsync(cancellationToken);
                    continue;
                }
                pending = null;
                if (!ready)
                {
                    return;
                }
                while (listener.Records.TryRead(out var record))
                {
                    if (filter.Matches(record))
                    {
                        WriteEvent(output, record);
                    }
                }
                await output.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client closed the stream, or the dashboard is stopping: nothing more to send.
        }
    }

    private static void WriteEvent(System.IO.Pipelines.PipeWriter output, MonitorRecord record)
    {
        output.Write("event: "u8);
        output.Write(Encoding.UTF8.GetBytes(RecordEvent));
        output.Write("\nid: "u8);
        output.Write(Encoding.UTF8.GetBytes(record.Seq.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        output.Write("\ndata: "u8);
        // One line: the serializer never writes a raw newline inside JSON.
        using (var writer = new Utf8JsonWriter(output))
        {
            JsonSerializer.Serialize(writer, record, MonitorApiJsonContext.Default.MonitorRecord);
        }
        output.Write("\n\n"u8);
    }
}
