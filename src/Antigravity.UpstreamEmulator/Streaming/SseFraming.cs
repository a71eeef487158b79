namespace Antigravity.UpstreamEmulator.Streaming;

/// <summary>How each upstream frames its server-sent events.</summary>
internal enum SseFraming
{
    /// <summary>Google (Cloud Code and the Gemini API): <c>data: {json}\r\n\r\n</c>.</summary>
    Google,

    /// <summary>Anthropic: <c>event: name\ndata: {json}\n\n</c>.</summary>
    Anthropic,

    /// <summary>OpenAI: <c>data: {json}\n\n</c>, ending with <c>data: [DONE]\n\n</c>.</summary>
    OpenAi,
}
