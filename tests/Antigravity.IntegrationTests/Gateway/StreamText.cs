using System.Text;
using System.Text.Json.Nodes;

namespace Antigravity.IntegrationTests.Gateway;

/// <summary>The answer text of a streamed reply, joined from its deltas in the client protocol's events.</summary>
internal static class StreamText
{
    public static string Join(string protocol, string sse)
    {
        var builder = new StringBuilder();
        foreach (var line in sse.Split('\n'))
        {
            if (!line.StartsWith("data: {", StringComparison.Ordinal))
            {
                continue;
            }
            var data = JsonNode.Parse(line["data: ".Length..])!;
            builder.Append(protocol switch
            {
                "openai" when data["choices"] is JsonArray { Count: > 0 } choices => choices[0]!["delta"]?["content"]?.GetValue<string>(),
                "anthropic" when data["type"]?.GetValue<string>() == "content_block_delta" => data["delta"]!["text"]?.GetValue<string>(),
                "responses" when data["type"]?.GetValue<string>() == "response.output_text.delta" => data["delta"]!.GetValue<string>(),
                "gemini" => string.Concat((data["candidates"]?[0]?["content"]?["parts"] as JsonArray ?? []).Select(part => part?["text"]?.GetValue<string>())),
                _ => null,
            });
        }
        return builder.ToString();
    }
}
