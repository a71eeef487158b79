using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Antigravity.UpstreamEmulator.Tests.Infrastructure;

namespace Antigravity.UpstreamEmulator.Tests.CloudCode;

/// <summary>
/// A request with Google Search grounding gets a grounded answer and its <c>groundingMetadata</c>, on Cloud Code and
/// on Gemini API keys, whole and streamed: the query, the pages, and the sentences each page supports as UTF-8 byte
/// offsets into the answer text.
/// </summary>
public sealed class GoogleSearchTests(EmulatorFactory factory) : EmulatorTestBase(factory)
{
    private static JsonObject SearchRequest(string text, string tool = "googleSearch") =>
        new() { ["contents"] = new JsonArray(UserText(text)), ["tools"] = new JsonArray(new JsonObject { [tool] = new JsonObject() }) };

    [Fact]
    public async Task Cloud_code_generate_content_answers_with_grounding_metadata()
    {
        using var response = await CloudCodeAsync("generateContent", Envelope("gemini-2.5-flash", SearchRequest("Who won the café race?")), await AccessTokenAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var candidate = (await ReadJsonAsync(response))["response"]!["candidates"]![0]!;
        AssertGrounded(candidate["content"]!["parts"]![0]!["text"]!.GetValue<string>(), candidate["groundingMetadata"]!.AsObject(), "Who won the café race?");
    }

    [Fact]
    public async Task Cloud_code_stream_sends_the_grounding_with_the_last_chunk()
    {
        using var response = await CloudCodeAsync("streamGenerateContent",
            Envelope("gemini-2.5-flash", SearchRequest("latest news on the café race")), await AccessTokenAsync(), "?alt=sse");

        var chunks = SseReader.Google(await response.Content.ReadAsStringAsync()).Select(e => e.Json["response"]!["candidates"]![0]!).ToList();
        Assert.True(chunks.Count > 1);
        Assert.All(chunks[..^1], chunk => Assert.Null(chunk["groundingMetadata"]));
        var text = string.Concat(chunks.Select(chunk => chunk["content"]!["parts"]![0]!["text"]!.GetValue<string>()));
        AssertGrounded(text, chunks[^1]["groundingMetadata"]!.AsObject(), "latest news on the café race");
    }

    [Fact]
    public async Task Gemini_api_key_answers_the_snake_case_tool_with_grounding_metadata()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1beta/models/gemini-2.5-flash:generateContent")
        {
            Content = Json(SearchRequest("population of Zürich", "google_search")),
        };
        request.Headers.Add("x-goog-api-key", GeminiKey);
        using var response = await Client.SendAsync(request);

        var candidate = (await ReadJsonAsync(response))["candidates"]![0]!;
        AssertGrounded(candidate["content"]!["parts"]![0]!["text"]!.GetValue<string>(), candidate["groundingMetadata"]!.AsObject(), "population of Zürich");
    }

    [Fact]
    public async Task Without_the_tool_the_answer_is_not_grounded()
    {
        using var response = await CloudCodeAsync("generateContent", Envelope("gemini-2.5-flash", GeminiRequest(UserText("search the web please"))), await AccessTokenAsync());

        var candidate = (await ReadJsonAsync(response))["response"]!["candidates"]![0]!;
        Assert.Null(candidate["groundingMetadata"]);
    }

    private static void AssertGrounded(string text, JsonObject metadata, string query)
    {
        Assert.Equal(query, metadata["webSearchQueries"]![0]!.GetValue<string>());
        var chunks = metadata["groundingChunks"]!.AsArray();
        Assert.Equal(["example.com", "docs.example.org"], chunks.Select(c => c!["web"]!["domain"]!.GetValue<string>()));
        Assert.All(chunks, c => Assert.StartsWith("https://", c!["web"]!["uri"]!.GetValue<string>(), StringComparison.Ordinal));
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var support in metadata["groundingSupports"]!.AsArray())
        {
            var segment = support!["segment"]!;
            var start = segment["startIndex"]?.GetValue<int>() ?? 0;
            var end = segment["endIndex"]!.GetValue<int>();
            // Byte offsets: the slice of the UTF-8 text is the segment's text exactly.
            Assert.Equal(segment["text"]!.GetValue<string>(), Encoding.UTF8.GetString(bytes, start, end - start));
            Assert.NotEmpty(support["groundingChunkIndices"]!.AsArray());
        }

        Assert.Contains(query, text, StringComparison.Ordinal);
    }
}
