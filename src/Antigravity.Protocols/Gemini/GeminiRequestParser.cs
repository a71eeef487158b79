using Antigravity.Protocols.Json;

namespace Antigravity.Protocols.Gemini;

/// <summary>Parses and validates a Gemini <c>generateContent</c> body (the model comes from the URL).</summary>
public static class GeminiRequestParser
{
    /// <summary>Parses <paramref name="body"/>; <c>contents</c> is required.</summary>
    public static ParseResult<GeminiGenerateContentRequest> Parse(ReadOnlySpan<byte> body)
    {
        var result = JsonRequestReader.Read(body, GeminiJsonContext.Default.GeminiGenerateContentRequest);
        if (!result.IsSuccess)
        {
            return result;
        }

        return Validate(result.Value) is { } error ? error : result;
    }

    /// <summary>
    /// Parses a <c>countTokens</c> body (<c>contents</c>, or a whole <c>generateContentRequest</c>) into the request
    /// to count.
    /// </summary>
    public static ParseResult<GeminiGenerateContentRequest> ParseCountTokens(ReadOnlySpan<byte> body)
    {
        var result = JsonRequestReader.Read(body, GeminiJsonContext.Default.GeminiCountTokensRequest);
        if (!result.IsSuccess)
        {
            return result.Error!;
        }

        var counted = result.Value!;
        var generate = new GeminiGenerateContentRequest
        {
            Contents = counted.GenerateContentRequest?.Contents ?? counted.Contents,
            SystemInstruction = counted.GenerateContentRequest?.SystemInstruction,
            Tools = counted.GenerateContentRequest?.Tools,
        };
        return Validate(generate) is { } invalid ? invalid : ParseResult<GeminiGenerateContentRequest>.Success(generate);
    }

    /// <summary>Checks a deserialized request; returns the first problem or null.</summary>
    public static ProtocolError? Validate(GeminiGenerateContentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Contents is null || request.Contents.Count == 0)
        {
            return new("contents", "Required: at least one Content.");
        }

        for (var i = 0; i < request.Contents.Count; i++)
        {
            var path = FieldPath.Index("contents", i);
            var content = request.Contents[i];
            if (content is null)
            {
                return new(path, "Must be a Content object.");
            }

            if (content.Role is not (null or "user" or "model" or "function" or "tool"))
            {
                return new(FieldPath.Property(path, "role"), "Must be \"user\" or \"model\".");
            }

            if (content.Parts is null || content.Parts.Count == 0)
            {
                return new(FieldPath.Property(path, "parts"), "Must contain at least one part.");
            }
        }

        return null;
    }
}
