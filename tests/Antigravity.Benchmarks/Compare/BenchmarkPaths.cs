using System.Text.Json.Nodes;
using Antigravity.Benchmarks.Load;
using Antigravity.Benchmarks.Peers;

namespace Antigravity.Benchmarks.Compare;

/// <summary>
/// The rows of the comparison. Every path ends at the same emulator with the same one-line prompt: two direct
/// baselines (the OpenAI-compatible API every pass-through and Anthropic→OpenAI path ends at, and Cloud Code for
/// the translated path), the two Node.js gateways, the floor of any .NET hop (<see cref="Peers.MinimalForwarder"/>), and the gateway's pass-through, Anthropic→OpenAI and
/// OpenAI→Cloud Code paths.
/// </summary>
public static class BenchmarkPaths
{
    /// <summary>Row names the report and the ratios refer to.</summary>
    public const string DirectOpenAi = "upstream directly: OpenAI-compatible chat";
    public const string DirectCloudCode = "upstream directly: Cloud Code";
    public const string Portkey = "Portkey: OpenAI pass-through";
    public const string Router = "claude-code-router: Anthropic → OpenAI";
    public const string Forwarder = "floor: minimal .NET forwarder";
    public const string GatewayPassThrough = "Antigravity: OpenAI pass-through";
    public const string GatewayAnthropic = "Antigravity: Anthropic → OpenAI-compatible";
    public const string GatewayTranslated = "Antigravity: OpenAI → Cloud Code";

    /// <summary>The model the OpenAI-compatible account serves and the peers route to.</summary>
    public const string ProviderModel = "deepseek-chat";

    /// <summary>The emulator's seeded OpenAI-compatible key.</summary>
    public const string ProviderKey = "emulator-openai-key";

    private const string GeminiModel = "gemini-2.5-flash";
    private const string Prompt = "Say hello to the benchmark.";

    /// <summary>The endpoints every path needs.</summary>
    /// <param name="Emulator">The upstream emulator.</param>
    /// <param name="CloudCodeToken">An emulator access token of <c>emulator-refresh-1</c>.</param>
    /// <param name="Gateway">Antigravity's gateway port.</param>
    /// <param name="GatewayKey">Antigravity's proxy API key.</param>
    /// <param name="Portkey">Portkey's base address.</param>
    /// <param name="Router">claude-code-router's base address.</param>
    /// <param name="Forwarder">The minimal .NET forwarder's base address.</param>
    public sealed record Endpoints(Uri Emulator, string CloudCodeToken, Uri Gateway, string GatewayKey, Uri Portkey, Uri Router, Uri Forwarder);

    /// <summary>Builds every row, direct paths first.</summary>
    public static IReadOnlyList<BenchmarkPath> Build(Endpoints at)
    {
        var provider = Bearer(ProviderKey);
        var gateway = Bearer(at.GatewayKey);
        var gatewayAnthropic = new Dictionary<string, string> { ["x-api-key"] = at.GatewayKey, ["anthropic-version"] = "2023-06-01" };
        var routerAnthropic = new Dictionary<string, string> { ["anthropic-version"] = "2023-06-01" };
        var portkey = PortkeyGateway.Headers(at.Emulator, ProviderKey);
        return
        [
            Path(DirectOpenAi, at.Emulator, "/openai/v1/chat/completions", s => Chat(ProviderModel, s), provider, null),
            new BenchmarkPath(DirectCloudCode,
                HttpRequestTemplate.JsonPost(at.Emulator, "/v1internal:generateContent", CloudCode(), Bearer(at.CloudCodeToken)),
                HttpRequestTemplate.JsonPost(at.Emulator, "/v1internal:streamGenerateContent?alt=sse", CloudCode(), Bearer(at.CloudCodeToken)),
                null),
            Path(Portkey, at.Portkey, "/v1/chat/completions", s => Chat(ProviderModel, s), portkey, DirectOpenAi),
            // The router routes every model to its default provider; the name sent is what Claude Code would send.
            Path(Router, at.Router, "/v1/messages", s => Messages("claude-sonnet-4-5", s), routerAnthropic, DirectOpenAi),
            Path(Forwarder, at.Forwarder, "/openai/v1/chat/completions", s => Chat(ProviderModel, s), provider, DirectOpenAi),
            Path(GatewayPassThrough, at.Gateway, "/v1/chat/completions", s => Chat(ProviderModel, s), gateway, DirectOpenAi),
            Path(GatewayAnthropic, at.Gateway, "/v1/messages", s => Messages(ProviderModel, s), gatewayAnthropic, DirectOpenAi),
            Path(GatewayTranslated, at.Gateway, "/v1/chat/completions", s => Chat(GeminiModel, s), gateway, DirectCloudCode),
        ];
    }

    private static BenchmarkPath Path(string name, Uri target, string path, Func<bool, string> body, Dictionary<string, string> headers, string? baseline) =>
        new(name, HttpRequestTemplate.JsonPost(target, path, body(false), headers), HttpRequestTemplate.JsonPost(target, path, body(true), headers), baseline);

    private static Dictionary<string, string> Bearer(string token) => new() { ["Authorization"] = "Bearer " + token };

    private static string Chat(string model, bool stream) => new JsonObject
    {
        ["model"] = model,
        ["stream"] = stream,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Prompt }),
    }.ToJsonString();

    private static string Messages(string model, bool stream) => new JsonObject
    {
        ["model"] = model,
        ["max_tokens"] = 256,
        ["stream"] = stream,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Prompt }),
    }.ToJsonString();

    // The body the gateway's translated path sends (Cloud Code envelope around a Gemini request); streaming is
    // chosen by the endpoint, not the body.
    private static string CloudCode() => new JsonObject
    {
        ["project"] = "emulator-project-1",
        ["model"] = GeminiModel,
        ["userAgent"] = "antigravity",
        ["requestType"] = "agent",
        ["requestId"] = "agent-benchmark",
        ["request"] = new JsonObject
        {
            ["contents"] = new JsonArray(new JsonObject { ["role"] = "user", ["parts"] = new JsonArray(new JsonObject { ["text"] = Prompt }) }),
        },
    }.ToJsonString();
}
