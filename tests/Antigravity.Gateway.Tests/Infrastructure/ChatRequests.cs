using System.Text;
using System.Text.Json;

namespace Antigravity.Gateway.Tests.Infrastructure;

/// <summary>The chat routes, a small valid body for each, and what a protocol-shaped error looks like.</summary>
public static class ChatRequests
{
    /// <summary>Every route that reads a chat body.</summary>
    public static readonly string[] Routes =
    [
        "/v1/chat/completions", "/v1/responses", "/v1/messages", "/v1/messages/count_tokens",
        "/v1beta/models/gemini-2.5-flash:generateContent", "/v1beta/models/gemini-2.5-flash:streamGenerateContent",
        "/v1beta/models/gemini-2.5-flash:countTokens",
    ];

    /// <summary><see cref="Routes"/> as theory data.</summary>
    public static TheoryData<string> ChatRoutes() => new(Routes);

    /// <summary>The route's error shape, and nothing that looks like a trace.</summary>
    public static void AssertProtocolShaped(string path, string text)
    {
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(".cs:line", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var error = root.GetProperty("error");
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
        if (path.StartsWith("/v1/messages", StringComparison.Ordinal))
        {
            Assert.Equal("error", root.GetProperty("type").GetString());
            Assert.False(string.IsNullOrEmpty(error.GetProperty("type").GetString()));
        }
        else if (path.StartsWith("/v1beta", StringComparison.Ordinal))
        {
            Assert.True(error.GetProperty("code").GetInt32() >= 400);
            Assert.False(string.IsNullOrEmpty(error.GetProperty("status").GetString()));
        }
        else
        {
            Assert.False(string.IsNullOrEmpty(error.GetProperty("type").GetString()));
            Assert.True(error.TryGetProperty("code", out _));
        }
    }

    /// <summary>A small valid request for <paramref name="path"/> naming <paramref name="model"/>.</summary>
    public static StringContent ValidBody(string path, string model) => new(path switch
    {
        "/v1/responses" => $$"""{"model":"{{model}}","input":"hi"}""",
        "/v1/messages" or "/v1/messages/count_tokens" => $$"""{"model":"{{model}}","max_tokens":10,"messages":[{"role":"user","content":"hi"}]}""",
        _ when path.StartsWith("/v1beta", StringComparison.Ordinal) => """{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""",
        _ => $$"""{"model":"{{model}}","messages":[{"role":"user","content":"hi"}]}""",
    }, Encoding.UTF8, "application/json");

}
