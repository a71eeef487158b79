using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Antigravity.Benchmarks.Overhead;

/// <summary>A request through the gateway and the same request straight to the emulator.</summary>
/// <param name="Name">What the table calls the pair.</param>
/// <param name="Gateway">Through the gateway.</param>
/// <param name="Direct">Straight to the upstream emulator.</param>
public sealed record OverheadPair(string Name, OverheadTarget Gateway, OverheadTarget Direct);

/// <summary>
/// The pairs measured: an OpenAI chat completion the gateway translates to Cloud Code (vs the Cloud Code
/// request sent directly), and one it passes to an OpenAI-compatible account (vs that endpoint directly);
/// each streamed and not.
/// </summary>
public static class OverheadScenarios
{
    private const string Prompt = "Say hello to the benchmark.";
    private const string GeminiModel = "gemini-2.5-flash";

    /// <summary>The model the OpenAI-compatible account serves.</summary>
    public const string ProviderModel = "deepseek-chat";

    /// <summary>The emulator's OpenAI-compatible key.</summary>
    public const string ProviderKey = "emulator-openai-key";

    /// <summary>Builds the pairs; <paramref name="accessToken"/> is an emulator access token of <c>emulator-refresh-1</c>.</summary>
    public static IReadOnlyList<OverheadPair> Build(HttpClient gateway, string apiKey, HttpClient emulator, string accessToken)
    {
        var gatewayAuth = new Dictionary<string, string> { ["Authorization"] = "Bearer " + apiKey };
        var cloudCodeAuth = new Dictionary<string, string> { ["Authorization"] = "Bearer " + accessToken };
        var providerAuth = new Dictionary<string, string> { ["Authorization"] = "Bearer " + ProviderKey };
        var pairs = new List<OverheadPair>();
        foreach (var stream in new[] { true, false })
        {
            var mode = stream ? "streamed" : "non-streamed";
            pairs.Add(new OverheadPair(
                $"OpenAI chat → Cloud Code (translated), {mode}",
                new OverheadTarget("gateway", gateway, "/v1/chat/completions", Chat(GeminiModel, stream), gatewayAuth),
                new OverheadTarget("emulator", emulator, stream ? "/v1internal:streamGenerateContent?alt=sse" : "/v1internal:generateContent", CloudCode(), cloudCodeAuth)));
            pairs.Add(new OverheadPair(
                $"OpenAI chat → OpenAI-compatible (pass-through), {mode}",
                new OverheadTarget("gateway", gateway, "/v1/chat/completions", Chat(ProviderModel, stream), gatewayAuth),
                new OverheadTarget("emulator", emulator, "/openai/v1/chat/completions", Chat(ProviderModel, stream), providerAuth)));
        }
        return pairs;
    }

    /// <summary>An access token for <c>emulator-refresh-1</c> from the emulator's OAuth token endpoint.</summary>
    public static async Task<string> AccessTokenAsync(HttpClient emulator, CancellationToken cancellationToken)
    {
        using var response = await emulator.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = "emulator-refresh-1",
            ["client_id"] = "emulator-client-id",
            ["client_secret"] = "emulator-client-secret",
        }), cancellationToken);
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken);
        return token?["access_token"]?.GetValue<string>() ?? throw new InvalidOperationException("The emulator gave no access token.");
    }

    private static string Chat(string model, bool stream) => new JsonObject
    {
        ["model"] = model,
        ["stream"] = stream,
        ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = Prompt }),
    }.ToJsonString();

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
