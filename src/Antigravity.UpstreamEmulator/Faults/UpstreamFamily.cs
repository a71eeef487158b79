namespace Antigravity.UpstreamEmulator.Faults;

/// <summary>The upstream API whose error dialect a reply must speak.</summary>
internal enum UpstreamFamily
{
    CloudCode,
    GeminiApi,
    Anthropic,
    OpenAi,
}
