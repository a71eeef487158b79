using System.Text.Json;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Thinking;
using Antigravity.Protocols.Translation;

namespace Antigravity.Protocols.Tests.Translation;

/// <summary>
/// Client request → Gemini request. Each case: <c>.input.json</c> (the client body), optional
/// <c>.options.json</c> (<c>upstreamModel</c>, <c>sessionKey</c>, <c>cachedSignatures</c>) and
/// <c>.expected.json</c> (the Gemini request, or the client's 400 body).
/// </summary>
public sealed class RequestTranslationGoldenTests
{
    public static TheoryData<string> OpenAiCases => GoldenFile.Cases("OpenAiToGemini");

    public static TheoryData<string> AnthropicCases => GoldenFile.Cases("AnthropicToGemini");

    [Theory]
    [MemberData(nameof(OpenAiCases))]
    public async Task OpenAi_request_translates_to_gemini(string name)
    {
        var parsed = OpenAiRequestParser.Parse(GoldenFile.Input("OpenAiToGemini", name));
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());

        var result = await OpenAiToGemini.TranslateAsync(parsed.Value, await OptionsAsync("OpenAiToGemini", name, parsed.Value.Model!));

        GoldenFile.AssertJson("OpenAiToGemini", name, result.IsSuccess
            ? JsonSerializer.SerializeToUtf8Bytes(result.Value, GeminiJsonContext.Default.GeminiGenerateContentRequest)
            : OpenAiErrorBody.FromProtocolError(result.Error));
    }

    [Theory]
    [MemberData(nameof(AnthropicCases))]
    public async Task Anthropic_request_translates_to_gemini(string name)
    {
        var parsed = AnthropicRequestParser.Parse(GoldenFile.Input("AnthropicToGemini", name));
        Assert.True(parsed.IsSuccess, parsed.Error?.ToString());

        var result = await AnthropicToGemini.TranslateAsync(parsed.Value, await OptionsAsync("AnthropicToGemini", name, parsed.Value.Model!));

        GoldenFile.AssertJson("AnthropicToGemini", name, result.IsSuccess
            ? JsonSerializer.SerializeToUtf8Bytes(result.Value, GeminiJsonContext.Default.GeminiGenerateContentRequest)
            : AnthropicErrorBody.FromProtocolError(result.Error));
    }

    private static async Task<RequestTranslationOptions> OptionsAsync(string translator, string name, string requestedModel)
    {
        var json = GoldenFile.Optional(translator, name, ".options.json");
        if (json is null)
        {
            return new RequestTranslationOptions { UpstreamModel = Antigravity.Protocols.Models.ModelMapper.Map(requestedModel).Upstream };
        }

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var session = root.TryGetProperty("sessionKey", out var s) ? s.GetString() : null;
        var cache = new InMemorySignatureCache();
        if (root.TryGetProperty("cachedSignatures", out var cached))
        {
            foreach (var entry in cached.EnumerateObject())
            {
                await cache.SetAsync(session!, entry.Name, entry.Value.GetString()!);
            }
        }

        return new RequestTranslationOptions
        {
            UpstreamModel = root.TryGetProperty("upstreamModel", out var m) ? m.GetString()! : Antigravity.Protocols.Models.ModelMapper.Map(requestedModel).Upstream,
            SessionKey = session,
            SignatureCache = cache,
        };
    }
}
