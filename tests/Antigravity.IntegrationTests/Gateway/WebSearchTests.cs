using System.ClientModel;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using OpenAI.Responses;

namespace Antigravity.IntegrationTests.Gateway;

/// <summary>
/// Web search through Google Search grounding, end to end with the emulator's grounded answers: each protocol's
/// search tool gets the answer text with its cited sources in that protocol's shape, and the cited spans point at
/// the sentences the sources support (the emulator counts in UTF-8 bytes and its answer holds non-ASCII text).
/// </summary>
public sealed class WebSearchTests(TwoAccountsFixture fixture) : IClassFixture<TwoAccountsFixture>, IAsyncLifetime
{
    private const string Model = "gemini-2.5-flash";
    private const string Question = "latest café opening hours";
    private const string FirstSentence = "Search results for “latest café opening hours” — example.com covers it in depth.";

    public Task InitializeAsync() => fixture.ResetEmulatorAsync();

    public Task DisposeAsync() => Task.CompletedTask;

#pragma warning disable OPENAI001 // The Responses client is marked experimental in the SDK.
    private static ResponsesClient SdkClient(AntigravityTestApp app) =>
        new(new ApiKeyCredential("sk-test-unused"), new ResponsesClientOptions { Endpoint = new Uri(app.GetEndpoint("gateway"), "/v1") });

    private static CreateResponseOptions SearchOptions(bool stream) =>
        new(Model, [ResponseItem.CreateUserMessageItem(Question)]) { Tools = { ResponseTool.CreateWebSearchTool() }, StreamingEnabled = stream };

    [Fact]
    public async Task Responses_web_search_gives_a_search_call_and_cited_text()
    {
        ResponseResult response = await SdkClient(fixture.App).CreateResponseAsync(SearchOptions(stream: false));

        var search = Assert.IsType<WebSearchCallResponseItem>(response.OutputItems[0]);
        Assert.Equal(WebSearchCallStatus.Completed, search.Status);
        var message = Assert.IsAssignableFrom<MessageResponseItem>(response.OutputItems[1]);
        var text = message.Content[0].Text;
        Assert.StartsWith(FirstSentence, text, StringComparison.Ordinal);
        var citations = message.Content[0].OutputTextAnnotations.OfType<UriCitationMessageAnnotation>().ToList();
        Assert.Equal(3, citations.Count);
        Assert.Equal(FirstSentence, text[citations[0].StartIndex..citations[0].EndIndex]);
        Assert.Equal("example.com", citations[0].Title);
        Assert.Equal(["example.com", "example.com", "docs.example.org"], citations.Select(c => c.Title));
    }

    [Fact]
    public async Task Responses_web_search_streams_the_documented_search_and_annotation_events()
    {
        var kinds = new List<string>();
        var annotations = new List<UriCitationMessageAnnotation>();
        var text = new StringBuilder();
        var updates = await SdkClient(fixture.App).CreateResponseStreamingAsync(SearchOptions(stream: true));
        await foreach (var update in updates)
        {
            kinds.Add(update.GetType().Name);
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                text.Append(delta.Delta);
            }
            else if (update is StreamingResponseOutputTextAnnotationAddedUpdate added && added.Annotation is UriCitationMessageAnnotation citation)
            {
                annotations.Add(citation);
            }
        }

        Assert.Contains(nameof(StreamingResponseWebSearchCallInProgressUpdate), kinds);
        Assert.Contains(nameof(StreamingResponseWebSearchCallSearchingUpdate), kinds);
        Assert.Contains(nameof(StreamingResponseWebSearchCallCompletedUpdate), kinds);
        Assert.Equal(3, annotations.Count);
        Assert.Equal(FirstSentence, text.ToString()[annotations[0].StartIndex..annotations[0].EndIndex]);
    }

    [Fact]
    public async Task A_codex_style_request_with_its_default_tools_is_answered()
    {
        // Codex's default configuration declares web_search next to its function tools.
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/responses", Json("""
            {"model":"gemini-2.5-flash","input":"hello","store":false,
             "tools":[{"type":"function","name":"shell","parameters":{"type":"object","properties":{"command":{"type":"array","items":{"type":"string"}}}}},
                      {"type":"web_search","external_web_access":true}]}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var output = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["output"]!.AsArray();
        Assert.Equal("Emulated reply from gemini-2.5-flash to: hello", output[^1]!["content"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Chat_web_search_options_give_url_citation_annotations()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/chat/completions", Json($$"""
            {"model":"{{Model}}","web_search_options":{},"messages":[{"role":"user","content":"{{Question}}"}]}
            """));

        var message = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["choices"]![0]!["message"]!;
        var text = message["content"]!.GetValue<string>();
        var first = message["annotations"]![0]!;
        Assert.Equal("url_citation", first["type"]!.GetValue<string>());
        var citation = first["url_citation"]!;
        Assert.Equal(FirstSentence, text[citation["start_index"]!.GetValue<int>()..citation["end_index"]!.GetValue<int>()]);
        Assert.StartsWith("https://", citation["url"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Anthropic_web_search_gives_search_blocks_citations_and_the_search_count(bool stream)
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/messages", Json($$"""
            {"model":"{{Model}}","max_tokens":512,"stream":{{(stream ? "true" : "false")}},
             "tools":[{"type":"web_search_20260209","name":"web_search","max_uses":5}],
             "messages":[{"role":"user","content":"{{Question}}"}]}
            """));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // max_uses has no Google counterpart: the answer says so.
        Assert.Contains("max_uses", response.Headers.GetValues("X-Antigravity-Tool-Notice").Single(), StringComparison.Ordinal);
        if (stream)
        {
            Assert.Contains("\"type\":\"citations_delta\"", body, StringComparison.Ordinal);
            Assert.Contains("\"type\":\"server_tool_use\"", body, StringComparison.Ordinal);
            Assert.Contains("\"type\":\"web_search_tool_result\"", body, StringComparison.Ordinal);
            Assert.Contains("\"web_search_requests\":1", body, StringComparison.Ordinal);
            return;
        }

        var message = JsonNode.Parse(body)!;
        var content = message["content"]!.AsArray();
        Assert.Equal(["server_tool_use", "web_search_tool_result", "text"], content.Select(b => b!["type"]!.GetValue<string>()));
        Assert.Equal(Question, content[0]!["input"]!["query"]!.GetValue<string>());
        Assert.Equal(content[0]!["id"]!.GetValue<string>(), content[1]!["tool_use_id"]!.GetValue<string>());
        Assert.Equal(["example.com", "docs.example.org"], content[1]!["content"]!.AsArray().Select(r => r!["title"]!.GetValue<string>()));
        var citation = content[2]!["citations"]![0]!;
        Assert.Equal("web_search_result_location", citation["type"]!.GetValue<string>());
        Assert.Equal(FirstSentence, citation["cited_text"]!.GetValue<string>());
        Assert.Equal(1, message["usage"]!["server_tool_use"]!["web_search_requests"]!.GetValue<int>());
    }

    [Fact]
    public async Task Gemini_clients_get_the_grounding_metadata_intact()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync($"/v1beta/models/{Model}:generateContent", Json($$$"""
            {"contents":[{"role":"user","parts":[{"text":"{{{Question}}}"}]}],"tools":[{"google_search":{}}]}
            """));

        var grounding = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["candidates"]![0]!["groundingMetadata"]!;
        Assert.Equal(Question, grounding["webSearchQueries"]![0]!.GetValue<string>());
        Assert.Equal(2, grounding["groundingChunks"]!.AsArray().Count);
        Assert.NotNull(grounding["searchEntryPoint"]);
    }

    [Fact]
    public async Task A_claude_model_on_cloud_code_answers_without_search_and_says_so()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/messages", Json("""
            {"model":"claude-sonnet-4-6","max_tokens":256,"tools":[{"type":"web_search_20250305","name":"web_search"}],
             "messages":[{"role":"user","content":"search the web for cafés"}]}
            """));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("web_search", response.Headers.GetValues("X-Antigravity-Tool-Notice").Single(), StringComparison.Ordinal);
        var content = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["content"]!.AsArray();
        Assert.DoesNotContain(content, block => block!["type"]!.GetValue<string>() == "server_tool_use");
    }

    [Fact]
    public async Task A_forced_search_on_a_model_that_cannot_search_is_a_400_naming_the_tool()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/messages", Json("""
            {"model":"claude-sonnet-4-6","max_tokens":256,"tools":[{"type":"web_search_20250305","name":"web_search"}],
             "tool_choice":{"type":"tool","name":"web_search"},"messages":[{"role":"user","content":"search"}]}
            """));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("error", error["type"]!.GetValue<string>());
        Assert.Contains("web_search_20250305", error["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
