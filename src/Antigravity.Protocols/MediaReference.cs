using System.Buffers.Text;
using Antigravity.Protocols.Gemini;

namespace Antigravity.Protocols;

/// <summary>
/// Turns an image reference from a client into a Gemini part: a <c>data:</c> URL or raw base64 becomes
/// <c>inlineData</c>, an http(s) URL becomes <c>fileData</c> (the upstream fetches it). Anything else
/// (<c>file:</c>, <c>ftp:</c>, relative paths…) is refused: the gateway never reads local files.
/// </summary>
public static class MediaReference
{
    /// <summary>Converts a URL from an OpenAI <c>image_url</c> or an Anthropic <c>url</c> source.</summary>
    /// <param name="url">The URL as the client sent it.</param>
    /// <param name="part">The Gemini part on success.</param>
    /// <param name="error">Why the URL is refused, on failure.</param>
    public static bool TryFromUrl(string url, out GeminiPart part, out string error)
    {
        ArgumentNullException.ThrowIfNull(url);
        part = null!;
        if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            var comma = url.IndexOf(',', StringComparison.Ordinal);
            var header = comma < 0 ? "" : url[5..comma];
            if (comma < 0 || !header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
            {
                error = "A data URL must look like data:<mime type>;base64,<data>.";
                return false;
            }

            var mime = header[..^7];
            return TryFromBase64(mime.Length == 0 ? "application/octet-stream" : mime, url[(comma + 1)..], out part, out error);
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            part = new GeminiPart { FileData = new GeminiFileData { FileUri = url, MimeType = GuessMimeType(uri.AbsolutePath) } };
            error = "";
            return true;
        }

        error = "Only data: URLs (base64) and http(s) URLs are accepted.";
        return false;
    }

    /// <summary>Converts base64 data with its MIME type into <c>inlineData</c>.</summary>
    public static bool TryFromBase64(string mimeType, string data, out GeminiPart part, out string error)
    {
        ArgumentNullException.ThrowIfNull(mimeType);
        ArgumentNullException.ThrowIfNull(data);
        part = null!;
        if (data.Length == 0 || !Base64.IsValid(data))
        {
            error = "Image data is not valid base64.";
            return false;
        }

        part = new GeminiPart { InlineData = new GeminiBlob { MimeType = mimeType, Data = data } };
        error = "";
        return true;
    }

    private static string? GuessMimeType(string path)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        return ext switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".gif" => "image/gif",
            ".webp" => "image/webp",
            ".heic" => "image/heic",
            ".heif" => "image/heif",
            ".pdf" => "application/pdf",
            _ => null,
        };
    }
}
