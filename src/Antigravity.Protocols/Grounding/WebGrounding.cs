using System.Text;
using System.Text.Json;

namespace Antigravity.Protocols.Grounding;

/// <summary>A web page the upstream's search found (a <c>groundingChunks[].web</c> entry).</summary>
/// <param name="Url">The page (Google gives a redirect URL to it).</param>
/// <param name="Title">The page title (Google gives the site's domain when it has no better one).</param>
/// <param name="Domain">The site's domain, when the upstream names it.</param>
public sealed record WebSource(string Url, string Title, string? Domain);

/// <summary>A span of the answer text that a source supports, in UTF-16 code units of the answer text.</summary>
/// <param name="Start">Index of the first character.</param>
/// <param name="End">Index one past the last character.</param>
/// <param name="CitedText">The supported text.</param>
/// <param name="SourceIndex">Index of the source in <see cref="WebGrounding.Sources"/>.</param>
/// <param name="Source">The source.</param>
public sealed record WebCitation(int Start, int End, string CitedText, int SourceIndex, WebSource Source);

/// <summary>
/// What Google Search grounding returned for one answer: the queries it ran, the pages it found, and which
/// parts of the text each page supports. Google gives the supported segments as UTF-8 byte offsets into the
/// candidate's whole answer text (its non-thought text parts, joined); <see cref="Cite"/> turns them into
/// character indices, which is what the OpenAI and Anthropic protocols count in.
/// </summary>
public sealed class WebGrounding
{
    private readonly IReadOnlyList<Support> _supports;

    private WebGrounding(IReadOnlyList<string> queries, IReadOnlyList<WebSource> sources, IReadOnlyList<Support> supports)
    {
        Queries = queries;
        Sources = sources;
        _supports = supports;
    }

    /// <summary>The search queries the model ran (<c>webSearchQueries</c>).</summary>
    public IReadOnlyList<string> Queries { get; }

    /// <summary>The pages found (<c>groundingChunks[].web</c>), in the upstream's order.</summary>
    public IReadOnlyList<WebSource> Sources { get; }

    /// <summary>How many searches ran: one per query, at least one when sources came back.</summary>
    public int SearchCount => Math.Max(Queries.Count, Sources.Count > 0 ? 1 : 0);

    /// <summary>
    /// Reads a candidate's <c>groundingMetadata</c>; null when it is absent or holds no web search (no queries,
    /// no web sources), so a grounding-free answer stays exactly as before.
    /// </summary>
    public static WebGrounding? From(JsonElement? metadata)
    {
        if (metadata is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        var queries = new List<string>();
        if (root.TryGetProperty("webSearchQueries", out var queryList) && queryList.ValueKind == JsonValueKind.Array)
        {
            foreach (var query in queryList.EnumerateArray())
            {
                if (query.ValueKind == JsonValueKind.String && query.GetString() is { Length: > 0 } text)
                {
                    queries.Add(text);
                }
            }
        }

        // Chunk indices in the supports count every chunk, web or not; keep the mapping to our web-only list.
        var sources = new List<WebSource>();
        var sourceOfChunk = new List<int>();
        if (root.TryGetProperty("groundingChunks", out var chunks) && chunks.ValueKind == JsonValueKind.Array)
        {
            foreach (var chunk in chunks.EnumerateArray())
            {
                if (chunk.ValueKind == JsonValueKind.Object && chunk.TryGetProperty("web", out var web) && Text(web, "uri") is { Length: > 0 } uri)
                {
                    var domain = Text(web, "domain");
                    sourceOfChunk.Add(sources.Count);
                    sources.Add(new WebSource(uri, Text(web, "title") ?? domain ?? uri, domain));
                }
                else
                {
                    sourceOfChunk.Add(-1);
                }
            }
        }

        var supports = new List<Support>();
        if (root.TryGetProperty("groundingSupports", out var supportList) && supportList.ValueKind == JsonValueKind.Array)
        {
            foreach (var support in supportList.EnumerateArray())
            {
                if (ReadSupport(support, sourceOfChunk) is { } read)
                {
                    supports.Add(read);
                }
            }
        }

        return queries.Count == 0 && sources.Count == 0 ? null : new WebGrounding(queries, sources, supports);
    }

    /// <summary>
    /// The citations of <paramref name="answerText"/> (the candidate's whole answer text), in the order of the
    /// supports and, within one, of its sources. A segment whose offsets do not fit the text is looked up by its
    /// text instead; one that cannot be placed at all is left out rather than pointing at the wrong words.
    /// </summary>
    public IReadOnlyList<WebCitation> Cite(string answerText)
    {
        ArgumentNullException.ThrowIfNull(answerText);
        if (_supports.Count == 0)
        {
            return [];
        }

        var bytes = Encoding.UTF8.GetBytes(answerText);
        var citations = new List<WebCitation>();
        foreach (var support in _supports)
        {
            if (Place(support, answerText, bytes) is not var (start, end))
            {
                continue;
            }

            var cited = answerText[start..end];
            foreach (var source in support.Sources)
            {
                citations.Add(new WebCitation(start, end, cited, source, Sources[source]));
            }
        }

        return citations;
    }

    private static (int Start, int End)? Place(Support support, string text, byte[] bytes)
    {
        var startByte = support.StartByte;
        var endByte = support.EndByte;
        if (startByte >= 0 && endByte > startByte && endByte <= bytes.Length
            && IsBoundary(bytes, startByte) && IsBoundary(bytes, endByte))
        {
            var start = Encoding.UTF8.GetCharCount(bytes, 0, startByte);
            var end = start + Encoding.UTF8.GetCharCount(bytes, startByte, endByte - startByte);
            if (support.Text is null || text.AsSpan(start, end - start).SequenceEqual(support.Text))
            {
                return (start, end);
            }
        }

        if (!string.IsNullOrEmpty(support.Text) && text.IndexOf(support.Text, StringComparison.Ordinal) is var found and >= 0)
        {
            return (found, found + support.Text.Length);
        }

        return null;
    }

    // A UTF-8 continuation byte (10xxxxxx) is never the first byte of a character.
    private static bool IsBoundary(byte[] bytes, int offset) => offset == bytes.Length || (bytes[offset] & 0xC0) != 0x80;

    private static Support? ReadSupport(JsonElement support, List<int> sourceOfChunk)
    {
        if (support.ValueKind != JsonValueKind.Object || !support.TryGetProperty("segment", out var segment) || segment.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var sources = new List<int>();
        if (support.TryGetProperty("groundingChunkIndices", out var indices) && indices.ValueKind == JsonValueKind.Array)
        {
            foreach (var index in indices.EnumerateArray())
            {
                if (index.TryGetInt32(out var chunk) && chunk >= 0 && chunk < sourceOfChunk.Count && sourceOfChunk[chunk] >= 0
                    && !sources.Contains(sourceOfChunk[chunk]))
                {
                    sources.Add(sourceOfChunk[chunk]);
                }
            }
        }

        if (sources.Count == 0)
        {
            return null;
        }

        // Google leaves startIndex out when it is 0 (proto3 defaults).
        var start = Number(segment, "startIndex") ?? 0;
        var end = Number(segment, "endIndex") ?? -1;
        return new Support(start, end, Text(segment, "text"), sources);
    }

    private static int? Number(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record Support(int StartByte, int EndByte, string? Text, IReadOnlyList<int> Sources);
}
