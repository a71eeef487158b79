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

/// <summary>The same one-turn question in each client protocol, for tests that run every protocol against one account.</summary>
internal static class ClientRequests
{
    /// <summary>The route and body that ask <paramref name="prompt"/> of <paramref name="model"/> in <paramref name="protocol"/>.</summary>
    public static (string Path, string Body) For(string protocol, string model, bool stream, string prompt)
    {
        var streamed = stream ? "true" : "false";
        return protocol switch
        {
            "openai" => ("/v1/chat/completions", $$"""{"model":"{{model}}","stream":{{streamed}},"messages":[{"role":"user","content":"{{prompt}}"}]}"""),
            "anthropic" => ("/v1/messages", $$"""{"model":"{{model}}","max_tokens":256,"stream":{{streamed}},"messages":[{"role":"user","content":"{{prompt}}"}]}"""),
            "responses" => ("/v1/responses", $$"""{"model":"{{model}}","stream":{{streamed}},"input":"{{prompt}}"}"""),
            _ => ($"/v1beta/models/{model}:{(stream ? "streamGenerateContent?alt=sse" : "generateContent")}", $$"""{"contents":[{"role":"user","parts":[{"text":"{{prompt}}"}]}]}"""),
        };
    }
}
