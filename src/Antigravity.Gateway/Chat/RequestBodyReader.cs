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

    /// <summary>
    /// The body, or a 415 / 413 error (or 503 when <paramref name="gate"/> has no slot for a large body). A body of
    /// declared length is read straight into one array of that size; otherwise it grows in a pooled buffer.
    /// </summary>
    public static async Task<(byte[]? Body, ApiError? Error)> ReadAsync(HttpContext context, long maxBytes, LargeBodyGate? gate = null)
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
        var entered = false;
        if (request.ContentLength is { } declared)
        {
            if (gate is not null && declared >= gate.Threshold)
            {
                if (!gate.TryEnter(context))
                {
                    return (null, gate.Busy);
                }
                entered = true;
            }
            var body = new byte[declared];
            var total = 0;
            int count;
            while (total < body.Length && (count = await request.Body.ReadAsync(body.AsMemory(total), context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                total += count;
            }
            await LeaveSocketThreadIfLarge(entered).ConfigureAwait(false);
            return (total == body.Length ? body : body[..total], null);
        }

        using var buffer = new MemoryStream();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    return (null, tooLarge);
                }
                if (gate is not null && !entered && buffer.Length + read >= gate.Threshold)
                {
                    if (!gate.TryEnter(context))
                    {
                        return (null, gate.Busy);
                    }
                    entered = true;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
        await LeaveSocketThreadIfLarge(entered).ConfigureAwait(false);
        return (buffer.ToArray(), null);
    }

    /// <summary>
    /// Moves the rest of a large body's request (one that took a <see cref="LargeBodyGate"/> slot: parse, translation,
    /// serialization, milliseconds for megabytes) to the thread pool, so the socket thread that read it goes on serving
    /// its other connections (<see cref="Hosting.InlineRequestScheduling"/>).
    /// </summary>
    private static async ValueTask LeaveSocketThreadIfLarge(bool large)
    {
        if (large)
        {
            await Task.Yield();
        }
    }
}
