namespace Antigravity.Protocols;

/// <summary>The three client-facing API families the gateway speaks.</summary>
public enum ProtocolKind
{
    /// <summary>OpenAI Chat Completions / Responses / Models.</summary>
    OpenAi,

    /// <summary>Anthropic Messages.</summary>
    Anthropic,

    /// <summary>Google Gemini (<c>/v1beta</c>).</summary>
    Gemini,
}
