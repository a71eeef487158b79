using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Antigravity.IntegrationTests.Gateway;

/// <summary>A gateway whose pool has no account answers 503 in the caller's protocol.</summary>
public sealed class EmptyPoolTests(EmptyPoolFixture fixture) : IClassFixture<EmptyPoolFixture>
{
    [Fact]
    public async Task Chat_completions_with_no_account_is_a_503_saying_to_add_one()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/chat/completions",
            new StringContent("""{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("add an account", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_with_no_account_is_a_503_in_anthropic_shape()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1/messages",
            new StringContent("""{"model":"gemini-2.5-flash","max_tokens":64,"messages":[{"role":"user","content":"Hi"}]}""", Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("error", body["type"]!.GetValue<string>());
        Assert.Contains("add an account", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gemini_generate_content_with_no_account_is_a_503_in_google_shape()
    {
        using var gateway = fixture.Gateway();
        using var response = await gateway.PostAsync("/v1beta/models/gemini-2.5-flash:generateContent",
            new StringContent("""{"contents":[{"role":"user","parts":[{"text":"Hi"}]}]}""", Encoding.UTF8, "application/json"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(503, body["error"]!["code"]!.GetValue<int>());
        Assert.Contains("add an account", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
