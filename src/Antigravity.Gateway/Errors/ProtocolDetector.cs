using Antigravity.Protocols;

namespace Antigravity.Gateway.Errors;

/// <summary>Which protocol a caller speaks, judged by the path it called.</summary>
internal static class ProtocolDetector
{
    /// <summary>
    /// <c>/v1/messages…</c> → Anthropic; <c>/v1beta/…</c> → Gemini; anything else (other <c>/v1/…</c>,
    /// unknown paths) → OpenAI, the shape most generic clients understand.
    /// </summary>
    public static ProtocolKind FromPath(PathString path)
    {
        var value = path.Value ?? "";
        if (StartsWithSegment(value, "/v1/messages"))
        {
            return ProtocolKind.Anthropic;
        }
        if (StartsWithSegment(value, "/v1beta"))
        {
            return ProtocolKind.Gemini;
        }
        return ProtocolKind.OpenAi;
    }

    private static bool StartsWithSegment(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
        && (path.Length == prefix.Length || path[prefix.Length] is '/' or ':');
}
