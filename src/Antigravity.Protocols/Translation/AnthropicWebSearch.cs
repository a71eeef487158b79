using System.Text;
using System.Text.Json;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Grounding;

namespace Antigravity.Protocols.Translation;

/// <summary>
/// Google Search grounding in Anthropic's shape: each query a <c>server_tool_use</c> block (<c>web_search</c>)
/// followed by its <c>web_search_tool_result</c> (the pages found ride on the first query's result, as Google does
/// not say which query found which page), and each supported span a <c>web_search_result_location</c> citation.
/// </summary>
internal static class AnthropicWebSearch
{
    public const string ToolName = "web_search";

    /// <summary>One search: its <c>server_tool_use</c> id, query and found pages.</summary>
    public sealed record Search(string Id, string Query, IReadOnlyList<AnthropicContentBlock> Results);

    public static IReadOnlyList<Search> Searches(WebGrounding grounding, string responseId)
    {
        var queries = grounding.Queries.Count > 0 ? grounding.Queries : [""];
        var results = grounding.Sources.Select(source => new AnthropicContentBlock
        {
            Type = "web_search_result",
            Url = source.Url,
            Title = source.Title,
            EncryptedContent = Opaque(source.Url),
        }).ToList();
        var seed = responseId.StartsWith("msg_", StringComparison.Ordinal) ? responseId[4..] : responseId;
        return [.. queries.Select((query, i) => new Search($"srvtoolu_{seed}_{i}", query, i == 0 ? results : []))];
    }

    /// <summary>The blocks of <paramref name="searches"/>, in order.</summary>
    public static IEnumerable<AnthropicContentBlock> Blocks(IReadOnlyList<Search> searches)
    {
        foreach (var search in searches)
        {
            yield return new AnthropicContentBlock
            {
                Type = "server_tool_use",
                Id = search.Id,
                Name = ToolName,
                Caller = ToolOutput.DirectCaller,
                Input = QueryInput(search.Query),
            };
            yield return new AnthropicContentBlock { Type = "web_search_tool_result", ToolUseId = search.Id, Caller = ToolOutput.DirectCaller, Content = search.Results };
        }
    }

    public static AnthropicCitation Citation(WebCitation citation) => new()
    {
        CitedText = citation.CitedText,
        Url = citation.Source.Url,
        Title = citation.Source.Title,
        EncryptedIndex = Opaque(citation.Source.Url + "#" + citation.SourceIndex),
    };

    /// <summary>The usage that says how many searches ran; null when none did.</summary>
    public static AnthropicServerToolUsage? Usage(WebGrounding? grounding) =>
        grounding is { SearchCount: > 0 } ? new AnthropicServerToolUsage { WebSearchRequests = grounding.SearchCount } : null;

    public static JsonElement QueryInput(string query)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(query.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("query", query);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    // Anthropic's opaque fields only need to come back unchanged; nothing reads them here.
    private static string Opaque(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
