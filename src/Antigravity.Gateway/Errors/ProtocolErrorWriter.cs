using System.Text.Json;
using Antigravity.Gateway.Requests;
using Antigravity.Protocols;

namespace Antigravity.Gateway.Errors;

/// <summary>
/// The one place that knows how each protocol spells an error, so every client reads a refusal the way
/// its SDK expects:
/// OpenAI <c>{"error":{"message","type","param":null,"code"}}</c>,
/// Anthropic <c>{"type":"error","error":{"type","message"},"request_id"}</c> (+ <c>request-id</c> header),
/// Google <c>{"error":{"code","message","status"}}</c>.
/// </summary>
internal static class ProtocolErrorWriter
{
    /// <summary>Writes <paramref name="error"/> in the protocol of the request's path.</summary>
    public static Task WriteAsync(HttpContext context, ApiError error) =>
        WriteAsync(context, error, ProtocolDetector.FromPath(context.Request.Path));

    /// <summary>Writes <paramref name="error"/> in <paramref name="protocol"/>'s shape.</summary>
    public static async Task WriteAsync(HttpContext context, ApiError error, ProtocolKind protocol)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        context.Features.Get<Requests.GatewayRequest>()?.Record?.Fail(error.Message);
        var response = context.Response;
        if (response.HasStarted)
        {
            // Too late to change the status; callers that stream write an in-band error event instead.
            return;
        }

        response.StatusCode = error.Status;
        response.ContentType = "application/json; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        if (error.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        var requestId = RequestIds.Get(context);
        if (protocol == ProtocolKind.Anthropic)
        {
            response.Headers["request-id"] = requestId;
        }
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            Write(writer, error, protocol, requestId);
        }
        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Serializes <paramref name="error"/> in <paramref name="protocol"/>'s shape (no I/O).</summary>
    public static void Write(Utf8JsonWriter writer, ApiError error, ProtocolKind protocol, string? requestId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(error);
        writer.WriteStartObject();
        switch (protocol)
        {
            case ProtocolKind.Anthropic:
                writer.WriteString("type", "error");
                writer.WriteStartObject("error");
                writer.WriteString("type", AnthropicType(error.Kind));
                writer.WriteString("message", error.Message);
                writer.WriteEndObject();
                if (requestId is not null)
                {
                    writer.WriteString("request_id", requestId);
                }
                break;

            case ProtocolKind.Gemini:
                writer.WriteStartObject("error");
                writer.WriteNumber("code", error.Status);
                writer.WriteString("message", error.Message);
                writer.WriteString("status", GoogleStatus(error.Kind));
                writer.WriteEndObject();
                break;

            default:
                writer.WriteStartObject("error");
                writer.WriteString("message", error.Message);
                writer.WriteString("type", OpenAiType(error.Kind));
                writer.WriteNull("param");
                if (error.Code is null)
                {
                    writer.WriteNull("code");
                }
                else
                {
                    writer.WriteString("code", error.Code);
                }
                writer.WriteEndObject();
                break;
        }
        writer.WriteEndObject();
    }

    /// <summary>OpenAI's <c>error.type</c>.</summary>
    public static string OpenAiType(ApiErrorKind kind) => kind switch
    {
        ApiErrorKind.RateLimited => "rate_limit_error",
        ApiErrorKind.Internal or ApiErrorKind.BadGateway or ApiErrorKind.Unavailable
            or ApiErrorKind.Overloaded or ApiErrorKind.Timeout => "server_error",
        _ => "invalid_request_error",
    };

    /// <summary>Anthropic's <c>error.type</c>.</summary>
    public static string AnthropicType(ApiErrorKind kind) => kind switch
    {
        ApiErrorKind.Authentication => "authentication_error",
        ApiErrorKind.PermissionDenied => "permission_error",
        ApiErrorKind.NotFound => "not_found_error",
        ApiErrorKind.RequestTooLarge => "request_too_large",
        ApiErrorKind.RateLimited => "rate_limit_error",
        ApiErrorKind.Overloaded => "overloaded_error",
        ApiErrorKind.Timeout => "timeout_error",
        ApiErrorKind.Internal or ApiErrorKind.BadGateway or ApiErrorKind.Unavailable => "api_error",
        _ => "invalid_request_error",
    };

    /// <summary>Google's <c>error.status</c> (a <c>google.rpc.Code</c> name).</summary>
    public static string GoogleStatus(ApiErrorKind kind) => kind switch
    {
        ApiErrorKind.Authentication => "UNAUTHENTICATED",
        ApiErrorKind.PermissionDenied => "PERMISSION_DENIED",
        ApiErrorKind.NotFound => "NOT_FOUND",
        ApiErrorKind.MethodNotAllowed => "UNIMPLEMENTED",
        ApiErrorKind.RateLimited => "RESOURCE_EXHAUSTED",
        ApiErrorKind.Internal => "INTERNAL",
        ApiErrorKind.BadGateway or ApiErrorKind.Unavailable or ApiErrorKind.Overloaded => "UNAVAILABLE",
        ApiErrorKind.Timeout => "DEADLINE_EXCEEDED",
        _ => "INVALID_ARGUMENT",
    };
}
