namespace Antigravity.Dashboard.ProxyConfig;

/// <summary>A ready-to-paste way to connect one client, filled with this gateway's base URL and key.</summary>
/// <param name="Id">Stable id (for the page's anchors and tests).</param>
/// <param name="Title">The client's name.</param>
/// <param name="Where">Where the text goes (a shell, a file…).</param>
/// <param name="Code">The text with the real key.</param>
/// <param name="Shown">The same text with the key masked, for the screen.</param>
/// <param name="Note">What to watch out for.</param>
public sealed record ClientSnippet(string Id, string Title, string Where, string Code, string Shown, string Note);

/// <summary>
/// The "connect a client" snippets of the API Proxy page: each client family gets the base URL it needs
/// (OpenAI-style clients end in <c>/v1</c>, Anthropic and Gemini clients take the bare root; seed 003) and the
/// header it sends the key in.
/// </summary>
public static class ClientSnippets
{
    private const string KeyPlaceholder = "{{KEY}}";

    /// <summary>Every snippet for <paramref name="urls"/> and <paramref name="apiKey"/>; <paramref name="maskedKey"/> replaces the key on screen.</summary>
    public static IReadOnlyList<ClientSnippet> For(GatewayBaseUrls urls, string apiKey, string maskedKey)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(apiKey);
        return
        [
            Make("curl", "curl", "shell", $$"""
                curl {{urls.OpenAi}}/chat/completions \
                  -H "Authorization: Bearer {{KeyPlaceholder}}" \
                  -H "Content-Type: application/json" \
                  -d '{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Hello"}]}'
                """, "Check first that the gateway answers: curl " + urls.OpenAi + "/models lists the models the pool serves."),
            Make("openai-python", "OpenAI SDK (Python)", "Python", $$"""
                from openai import OpenAI

                client = OpenAI(base_url="{{urls.OpenAi}}", api_key="{{KeyPlaceholder}}")
                reply = client.chat.completions.create(
                    model="gemini-2.5-flash",
                    messages=[{"role": "user", "content": "Hello"}],
                )
                print(reply.choices[0].message.content)
                """, "The base URL ends in /v1: the SDK appends /chat/completions."),
            Make("openai-node", "OpenAI SDK (Node)", "JavaScript", $$"""
                import OpenAI from "openai";

                const client = new OpenAI({ baseURL: "{{urls.OpenAi}}", apiKey: "{{KeyPlaceholder}}" });
                const reply = await client.chat.completions.create({
                  model: "gemini-2.5-flash",
                  messages: [{ role: "user", content: "Hello" }],
                });
                console.log(reply.choices[0].message.content);
                """, "The base URL ends in /v1: the SDK appends /chat/completions."),
            Make("anthropic", "Anthropic SDK (Python)", "Python", $$"""
                import anthropic

                client = anthropic.Anthropic(base_url="{{urls.Anthropic}}", api_key="{{KeyPlaceholder}}")
                message = client.messages.create(
                    model="claude-sonnet-4-5",
                    max_tokens=1024,
                    messages=[{"role": "user", "content": "Hello"}],
                )
                print(message.content[0].text)
                """, "No /v1 in the base URL: the SDK appends /v1/messages itself (with /v1 you get /v1/v1/messages and a 404)."),
            Make("claude-code", "Claude Code", "shell", $$"""
                export ANTHROPIC_BASE_URL={{urls.Anthropic}}
                export ANTHROPIC_API_KEY={{KeyPlaceholder}}
                export CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1
                claude
                """, "Claude Code's model names (Opus, Sonnet, Haiku) go through the built-in table or your mapping rows."),
            Make("codex", "Codex CLI", "~/.codex/config.toml, then the shell", $$"""
                # ~/.codex/config.toml
                model = "gemini-2.5-pro"
                model_provider = "antigravity"

                [model_providers.antigravity]
                name = "Antigravity Gateway"
                base_url = "{{urls.OpenAi}}"
                env_key = "ANTIGRAVITY_API_KEY"
                wire_api = "responses"

                # then, in the shell:
                export ANTIGRAVITY_API_KEY={{KeyPlaceholder}}
                codex
                """, "Codex uses the Responses API; its web search runs as Google Search grounding on Gemini models (other accounts answer without it and say so in X-Antigravity-Tool-Notice)."),
            Make("gemini-cli", "Gemini CLI", "shell", $$"""
                export GOOGLE_GEMINI_BASE_URL={{urls.Gemini}}
                export GEMINI_API_KEY={{KeyPlaceholder}}
                gemini -m gemini-2.5-pro
                """, "No /v1beta in the base URL: the CLI adds it. Pass -m with a model your pool serves."),
            Make("gemini-sdk", "Google Gen AI SDK (Python)", "Python", $$"""
                from google import genai
                from google.genai import types

                client = genai.Client(
                    api_key="{{KeyPlaceholder}}",
                    http_options=types.HttpOptions(base_url="{{urls.Gemini}}"),
                )
                reply = client.models.generate_content(model="gemini-2.5-flash", contents="Hello")
                print(reply.text)
                """, "The key travels as x-goog-api-key; the gateway accepts it there."),
        ];

        ClientSnippet Make(string id, string title, string where, string template, string note) =>
            new(id, title, where, template.Replace(KeyPlaceholder, apiKey, StringComparison.Ordinal),
                template.Replace(KeyPlaceholder, maskedKey, StringComparison.Ordinal), note);
    }
}
