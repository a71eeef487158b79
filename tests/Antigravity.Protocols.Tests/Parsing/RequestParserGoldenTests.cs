using System.Text.Json;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.OpenAi;

namespace Antigravity.Protocols.Tests.Parsing;

/// <summary>
/// Bad client bodies: each golden case is a request body and the exact 400 body the client gets in its
/// own protocol; good bodies round-trip into the expected model.
/// </summary>
public sealed class RequestParserGoldenTests
{
    public static TheoryData<string> OpenAiCases => GoldenFile.Cases("OpenAiRequestParser");

    public static TheoryData<string> AnthropicCases => GoldenFile.Cases("AnthropicRequestParser");

    public static TheoryData<string> GeminiCases => GoldenFile.Cases("GeminiRequestParser");

    [Theory]
    [MemberData(nameof(OpenAiCases))]
    public void OpenAi_request_parses_or_names_the_bad_field(string name)
    {
        var result = OpenAiRequestParser.Parse(GoldenFile.Input("OpenAiRequestParser", name));
        var actual = result.IsSuccess
            ? JsonSerializer.SerializeToUtf8Bytes(result.Value, OpenAiJsonContext.Default.OpenAiChatRequest)
            : OpenAiErrorBody.FromProtocolError(result.Error);
        GoldenFile.AssertJson("OpenAiRequestParser", name, actual);
    }

    [Theory]
    [MemberData(nameof(AnthropicCases))]
    public void Anthropic_request_parses_or_names_the_bad_field(string name)
    {
        var result = AnthropicRequestParser.Parse(GoldenFile.Input("AnthropicRequestParser", name));
        var actual = result.IsSuccess
            ? JsonSerializer.SerializeToUtf8Bytes(result.Value, AnthropicJsonContext.Default.AnthropicMessagesRequest)
            : AnthropicErrorBody.FromProtocolError(result.Error);
        GoldenFile.AssertJson("AnthropicRequestParser", name, actual);
    }

    [Theory]
    [MemberData(nameof(GeminiCases))]
    public void Gemini_request_parses_or_names_the_bad_field(string name)
    {
        var result = GeminiRequestParser.Parse(GoldenFile.Input("GeminiRequestParser", name));
        var actual = result.IsSuccess
            ? JsonSerializer.SerializeToUtf8Bytes(result.Value, GeminiJsonContext.Default.GeminiGenerateContentRequest)
            : GeminiErrorBody.FromProtocolError(result.Error);
        GoldenFile.AssertJson("GeminiRequestParser", name, actual);
    }
}
