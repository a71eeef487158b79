using System.Text;
using System.Text.Json;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.Translation;

namespace Antigravity.Protocols.Tests.Gemini;

public sealed class CloudCodeEnvelopeTests
{
    private static readonly CloudCodeRequestInfo Info = new("proj-123", "claude-sonnet-4-6", "req-1");

    [Fact]
    public void Raw_request_is_wrapped_untouched_in_the_v1internal_envelope()
    {
        var body = """{"contents":[{"role":"user","parts":[{"text":"hi"}]}],"unknownField":{"kept":[1,2]}}"""u8;

        var wrapped = Encoding.UTF8.GetString(CloudCodeEnvelope.WrapRequest(body, Info));

        Assert.Equal(
            """{"project":"proj-123","model":"claude-sonnet-4-6","request":{"contents":[{"role":"user","parts":[{"text":"hi"}]}],"unknownField":{"kept":[1,2]}},"userAgent":"antigravity","requestType":"agent","requestId":"req-1"}""",
            wrapped);
    }

    [Fact]
    public void Typed_request_is_wrapped_with_its_session_id()
    {
        var request = new GeminiGenerateContentRequest
        {
            Contents = [new GeminiContent { Role = "user", Parts = [new GeminiPart { Text = "hi" }] }],
            SessionId = "sess-9",
        };

        using var document = JsonDocument.Parse(CloudCodeEnvelope.WrapRequest(request, Info));

        Assert.Equal("proj-123", document.RootElement.GetProperty("project").GetString());
        Assert.Equal("sess-9", document.RootElement.GetProperty("request").GetProperty("sessionId").GetString());
        Assert.Equal("agent", document.RootElement.GetProperty("requestType").GetString());
    }

    [Fact]
    public void Response_envelope_unwraps_to_the_inner_bytes()
    {
        var json = Encoding.UTF8.GetBytes("""{"traceId":"t","response":{"candidates":[],"responseId":"r"},"metadata":{}}""");

        var inner = CloudCodeEnvelope.UnwrapResponse(json);

        Assert.Equal("""{"candidates":[],"responseId":"r"}""", Encoding.UTF8.GetString(inner.Span));
    }

    [Theory]
    [InlineData("""{"candidates":[]}""")]
    [InlineData("""{"response":"not an object"}""")]
    [InlineData("not json")]
    [InlineData("")]
    public void Anything_else_passes_through_as_is(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);

        Assert.Equal(json, Encoding.UTF8.GetString(CloudCodeEnvelope.UnwrapResponse(bytes).Span));
    }

    [Fact]
    public void Unparseable_response_yields_null_not_an_exception()
    {
        Assert.Null(CloudCodeEnvelope.ParseResponse("{\"response\":{\"candidates\":5}}"u8.ToArray()));
        Assert.Null(CloudCodeEnvelope.ParseResponse("garbage"u8.ToArray()));
    }

    [Fact]
    public async Task Count_tokens_counts_the_whole_translated_request()
    {
        var parsed = AnthropicRequestParser.ParseCountTokens("""{"model":"claude-sonnet-4-5","system":"sys","messages":[{"role":"user","content":"hi"}],"tools":[{"name":"t","input_schema":{"type":"object","properties":{"a":{"type":"string"}}}}]}"""u8);
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());
        var translated = await AnthropicToGemini.TranslateAsync(parsed.Value, new RequestTranslationOptions { UpstreamModel = "claude-sonnet-4-6" });

        var body = CountTokensTranslator.ToGemini(translated.Value!, "claude-sonnet-4-6");
        var json = JsonSerializer.Serialize(body, GeminiJsonContext.Default.GeminiCountTokensRequest);

        Assert.Equal(
            """{"generateContentRequest":{"model":"models/claude-sonnet-4-6","contents":[{"role":"user","parts":[{"text":"hi"}]}],"systemInstruction":{"role":"user","parts":[{"text":"sys"}]},"tools":[{"functionDeclarations":[{"name":"t","parameters":{"type":"object","properties":{"a":{"type":"string"}}}}]}]}}""",
            json);
        Assert.Equal(57, CountTokensTranslator.ToAnthropic(new GeminiCountTokensResponse { TotalTokens = 57 }).InputTokens);
    }
}
