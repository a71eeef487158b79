using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Antigravity.UpstreamEmulator.Generation;

/// <summary>
/// An emulated Google Search: a grounded answer about the query and the <c>groundingMetadata</c> Google returns
/// with it — the query run, two pages (redirect URLs with their site as title and domain), and which sentence
/// each page supports, as UTF-8 byte offsets into the answer text (Google counts bytes, not characters; the
/// answer holds non-ASCII characters so a translator that counts characters is caught).
/// </summary>
internal static class SearchGrounding
{
    /// <summary>The sites the emulated search finds, in order.</summary>
    public static readonly IReadOnlyList<string> Sites = ["example.com", "docs.example.org"];

    /// <summary>The query Google would run for <paramref name="userText"/>.</summary>
    public static string Query(string userText) => ReplyPlanner.Shorten(userText, 60);

    /// <summary>The grounded answer text and its metadata.</summary>
    public static (string Text, JsonObject Metadata) For(string userText)
    {
        var query = Query(userText);
        var first = $"Search results for “{query}” — {Sites[0]} covers it in depth.";
        var second = $"{Sites[1]} confirms the details.";
        var text = first + " " + second;
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)))[..16];
        var chunks = new JsonArray();
        for (var i = 0; i < Sites.Count; i++)
        {
            chunks.Add(new JsonObject
            {
                ["web"] = new JsonObject
                {
                    ["uri"] = $"https://vertexaisearch.cloud.google.com/grounding-api-redirect/emu-{key}-{i + 1}",
                    ["title"] = Sites[i],
                    ["domain"] = Sites[i],
                },
            });
        }

        var metadata = new JsonObject
        {
            ["searchEntryPoint"] = new JsonObject { ["renderedContent"] = $"<div class=\"container\">{System.Net.WebUtility.HtmlEncode(query)}</div>" },
            ["groundingChunks"] = chunks,
            ["groundingSupports"] = new JsonArray(Support(text, first, [0]), Support(text, second, [0, 1])),
            ["webSearchQueries"] = new JsonArray(query),
        };
        return (text, metadata);
    }

    private static JsonObject Support(string text, string sentence, int[] chunks)
    {
        var start = Encoding.UTF8.GetByteCount(text.AsSpan(0, text.IndexOf(sentence, StringComparison.Ordinal)));
        var segment = new JsonObject { ["endIndex"] = start + Encoding.UTF8.GetByteCount(sentence), ["text"] = sentence };
        if (start > 0)
        {
            // Google leaves a zero startIndex out.
            segment["startIndex"] = start;
        }

        return new JsonObject { ["segment"] = segment, ["groundingChunkIndices"] = new JsonArray([.. chunks.Select(c => (JsonNode)c)]) };
    }
}
