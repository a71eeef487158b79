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
    }
}
