namespace Antigravity.Protocols.Responses;

/// <summary>The Responses API's built-in tool types, as far as the gateway serves them.</summary>
public static class ResponsesBuiltInTools
{
    /// <summary>
    /// <c>web_search</c>, <c>web_search_preview</c> and their dated versions (<c>web_search_preview_2025_03_11</c>, …):
    /// all served by Google Search grounding.
    /// </summary>
    public static bool IsWebSearch(string type) => type.StartsWith("web_search", StringComparison.Ordinal);
}
