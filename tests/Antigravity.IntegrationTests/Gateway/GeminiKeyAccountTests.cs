using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Antigravity.IntegrationTests.Gateway;

/// <summary>
/// A Gemini API key account serves every client protocol (OpenAI chat, Anthropic Messages, Gemini, Responses),
/// streamed and not, through the Gemini API with the key in <c>x-goog-api-key</c> — never the client's key.
/// </summary>
public sealed class GeminiKeyAccountTests(GeminiKeyFixture fixture) : IClassFixture<GeminiKeyFixture>, IAsyncLifetime
{
    private const string ClientKey = "sk-client-key-that-must-stay-here";

    public async Task InitializeAsync()
    {
        await fixture.ResetEmulatorAsync();
        using var emulator = fixture.Emulator();
        (await emulator.DeleteAsync("/_emulator/requests")).EnsureSuccessStatusCode();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("openai", false)]
    [InlineData("openai", true)]
    [InlineData("anthropic", false)]
    [InlineData("anthropic", true)]
    [InlineData("gemini", false)]
    [InlineData("gemini", true)]
    [InlineData("responses", false)]
    [InlineData("responses", true)]
    public async Task Every_client_protocol_is_served_by_a_gemini_api_key(string protocol, bool stream)
    {
        var (path, body) = protocol switch
        {
            "openai" => ("/v1/chat/completions", $$"""{"model":"gemini-2.5-flash","stream":{{Bool(stream)}},"messages":[{"role":"user","content":"Hello key"}]}"""),
            "anthropic" => ("/v1/messages", $$"""{"model":"gemini-2.5-flash","max_tokens":128,"stream":{{Bool(stream)}},"messages":[{"role":"user","content":"Hello key"}]}"""),
            "responses" => ("/v1/responses", $$"""{"model":"gemini-2.5-flash","stream":{{Bool(stream)}},"input":"Hello key"}"""),
            _ => ($"/v1beta/models/gemini-2.5-flash:{(stream ? "streamGenerateContent?alt=sse" : "generateContent")}", """{"contents":[{"role":"user","parts":[{"text":"Hello key"}]}]}"""),
        };
        using var gateway = fixture.Gateway();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("x-api-key", ClientKey);

        using var response = await gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.KeyAccountId, Assert.Single(response.Headers.GetValues("X-Account-Id")));
        Assert.Contains("Emulated reply from gemini-2.5-flash to: Hello key", stream ? StreamText.Join(protocol, text) : text, StringComparison.Ordinal);
        using var emulator = fixture.Emulator();
        var upstream = JsonNode.Parse(await emulator.GetStringAsync("/_emulator/requests?path=%2Fv1beta%2Fmodels%2Fgemini-2.5-flash%3AstreamGenerateContent&limit=1"))!.AsArray().Single()!;
        var headers = upstream["headers"]!.ToJsonString();
        Assert.Contains("****-key", headers, StringComparison.Ordinal);
        Assert.DoesNotContain("****here", headers, StringComparison.Ordinal);
    }

    private static string Bool(bool value) => value ? "true" : "false";
}
