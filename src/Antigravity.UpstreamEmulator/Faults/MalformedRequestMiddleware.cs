using System.Text.Json;

namespace Antigravity.UpstreamEmulator.Faults;

/// <summary>
/// The last line of defence for bodies whose JSON has an unexpected shape somewhere the endpoints did not check
/// field by field (a number where a string belongs, an array where an object does): the caller gets a 400 in
/// its upstream's dialect, never a 500.
/// </summary>
internal sealed partial class MalformedRequestMiddleware(RequestDelegate next, ILogger<MalformedRequestMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or JsonException or InvalidCastException
            && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            Log.Malformed(logger, context.Request.Method, context.Request.Path, ex.GetType().Name, ex.Message);
            context.Response.Clear();
            await ReplyFor(context.Request.Path).ExecuteAsync(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // Kestrel's own refusals (bad framing, body too large or too slow), as JSON rather than a developer page.
            context.Response.Clear();
            await GoogleErrors.Create(ex.StatusCode, "INVALID_ARGUMENT", "The request could not be read.").ExecuteAsync(context);
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // Whatever the environment, no exception text or path reaches a caller: the log has them.
            Log.Failed(logger, context.TraceIdentifier, context.Request.Method, context.Request.Path, ex);
            context.Response.Clear();
            await GoogleErrors.Create(500, "INTERNAL", $"The emulator failed to handle the request (request id {context.TraceIdentifier}).").ExecuteAsync(context);
        }
    }

    private static ErrorReply ReplyFor(PathString path)
    {
        const string detail = "A field of the request has the wrong JSON type.";
        if (path.StartsWithSegments("/anthropic"))
        {
            return AnthropicErrors.InvalidRequest(detail);
        }
        if (path.StartsWithSegments("/openai"))
        {
            return OpenAiErrors.InvalidRequest(detail);
        }
        return GoogleErrors.InvalidJson(detail);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "{Method} {Path}: malformed request body ({Exception}: {Reason}); answered 400")]
        public static partial void Malformed(ILogger logger, string method, string path, string exception, string reason);

        [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "Request {RequestId} {Method} {Path} failed; answered 500")]
        public static partial void Failed(ILogger logger, string requestId, string method, string path, Exception exception);
    }
}
