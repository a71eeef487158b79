namespace Antigravity.Protocols.Gemini;

/// <summary>
/// Client images given as http(s) URLs travel as <c>fileData</c> parts. An upstream that cannot fetch URLs
/// needs them inline: the gateway lists them with <see cref="FindHttpFiles"/>, downloads each with its own
/// size limit (this library does no I/O, and never reads local files), and swaps the bytes in with
/// <see cref="Inline"/>.
/// </summary>
public static class RemoteMedia
{
    /// <summary>The distinct http(s) <c>fileUri</c>s of <paramref name="request"/>, in order of appearance.</summary>
    public static IReadOnlyList<string> FindHttpFiles(GeminiGenerateContentRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var uris = new List<string>();
        foreach (var content in request.Contents ?? [])
        {
            foreach (var part in content?.Parts ?? [])
            {
                if (part.FileData?.FileUri is { } uri && IsHttp(uri) && !uris.Contains(uri))
                {
                    uris.Add(uri);
                }
            }
        }

        return uris;
    }

    /// <summary>A copy of <paramref name="request"/> with every <c>fileData</c> whose URI is a key of <paramref name="downloads"/> replaced by that <c>inlineData</c>.</summary>
    public static GeminiGenerateContentRequest Inline(GeminiGenerateContentRequest request, IReadOnlyDictionary<string, GeminiBlob> downloads)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(downloads);
        if (request.Contents is null || downloads.Count == 0)
        {
            return request;
        }

        var contents = new List<GeminiContent?>(request.Contents.Count);
        foreach (var content in request.Contents)
        {
            if (content?.Parts is not { } parts)
            {
                contents.Add(content);
                continue;
            }

            var replaced = new List<GeminiPart>(parts.Count);
            foreach (var part in parts)
            {
                replaced.Add(part.FileData?.FileUri is { } uri && downloads.TryGetValue(uri, out var blob)
                    ? part with { FileData = null, InlineData = blob }
                    : part);
            }

            contents.Add(content with { Parts = replaced });
        }

        return request with { Contents = contents };
    }

    private static bool IsHttp(string uri) =>
        uri.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || uri.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
}
