using Antigravity.Gateway.Errors;

namespace Antigravity.Gateway.Chat;

/// <summary>Reads a JSON request body with the size limit and content-type check every chat route shares.</summary>
internal static class RequestBodyReader
{
    /// <summary>True for a missing content type or any JSON media type (<c>application/json</c>, <c>*+json</c>).</summary>
    public static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return true;
        }
        var mediaType = contentType.Split(';', 2)[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The body, or a 415 / 413 error.</summary>
    public static async Task<(byte[]? Body, ApiError? Error)> ReadAsync(HttpContext context, long maxBytes)
    {
        var request = context.Request;
        if (!IsJsonContentType(request.ContentType))
        {
            return (null, new ApiError(415, ApiErrorKind.InvalidRequest,
                $"Content-Type '{request.ContentType}' is not supported; send the body as application/json.", "unsupported_media_type"));
        }
        var tooLarge = new ApiError(413, ApiErrorKind.RequestTooLarge,
            $"The request body is larger than the gateway accepts ({maxBytes} bytes, setting Proxy:MaxRequestBodyBytes).", "request_too_large");
        if (request.ContentLength > maxBytes)
        {
            return (null, tooLarge);
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, tooLarge);
            }
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), null);
    }
}
