using System.Text;
using System.Text.Json.Nodes;
using Antigravity.Contracts.Leasing;
using Antigravity.Gateway.Upstream;

namespace Antigravity.Gateway.Tests.Upstream;

public sealed class UpstreamRequestFactoryTests
{
    private static readonly byte[] Gemini = Encoding.UTF8.GetBytes("""{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""");

    [Fact]
    public async Task Antigravity_leases_get_the_cloud_code_envelope_and_a_bearer_token()
    {
        var lease = new AccountLease
        {
            LeaseId = "l1", AccountId = "a1", Kind = "antigravity", AccessToken = "ya29.token", ProjectId = "proj-1",
            BaseUrls = ["https://cloudcode.example/"], UpstreamModel = "gemini-2.5-pro",
        };

        using var request = UpstreamRequestFactory.Create(lease, lease.BaseUrls[0], Gemini, "agent-123");
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync())!;

        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal("https://cloudcode.example/v1internal:streamGenerateContent?alt=sse", request.RequestUri!.ToString());
        Assert.Equal("Bearer ya29.token", request.Headers.Authorization!.ToString());
        Assert.Equal("proj-1", body["project"]!.GetValue<string>());
        Assert.Equal("gemini-2.5-pro", body["model"]!.GetValue<string>());
        Assert.Equal("agent-123", body["requestId"]!.GetValue<string>());
        Assert.Equal("antigravity", body["userAgent"]!.GetValue<string>());
        Assert.Equal("agent", body["requestType"]!.GetValue<string>());
        Assert.Equal("hi", body["request"]!["contents"]![0]!["parts"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gemini_key_leases_call_the_model_path_with_the_key_header()
    {
        var lease = new AccountLease
        {
            LeaseId = "l2", AccountId = "a2", Kind = "gemini-api-key", ApiKey = "AIza-test",
            BaseUrls = ["https://gemini.example"], UpstreamModel = "gemini-2.5-flash",
        };

        using var request = UpstreamRequestFactory.Create(lease, lease.BaseUrls[0], Gemini, "agent-1");

        Assert.Equal("https://gemini.example/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", request.RequestUri!.ToString());
        Assert.Equal("AIza-test", Assert.Single(request.Headers.GetValues("x-goog-api-key")));
        Assert.Null(request.Headers.Authorization);
        Assert.Equal(Encoding.UTF8.GetString(Gemini), await request.Content!.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("https://api.z.ai/api/anthropic", "https://api.z.ai/api/anthropic/v1/messages")]
    [InlineData("https://api.z.ai/api/anthropic/", "https://api.z.ai/api/anthropic/v1/messages")]
    [InlineData("https://api.anthropic.com/v1", "https://api.anthropic.com/v1/messages")]
    public async Task Anthropic_compatible_leases_get_a_messages_request_with_the_account_key(string baseUrl, string expected)
    {
        var lease = new AccountLease { LeaseId = "l3", AccountId = "a3", Kind = "anthropic-compatible", ApiKey = "zai-key", BaseUrls = [baseUrl], UpstreamModel = "glm-4.6" };

        using var request = UpstreamRequestFactory.Create(lease, baseUrl, Gemini, "r");
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync())!;

        Assert.Equal(expected, request.RequestUri!.ToString());
        Assert.Equal("zai-key", Assert.Single(request.Headers.GetValues("x-api-key")));
        Assert.Equal("2023-06-01", Assert.Single(request.Headers.GetValues("anthropic-version")));
        Assert.Null(request.Headers.Authorization);
        Assert.Equal("glm-4.6", body["model"]!.GetValue<string>());
        Assert.True(body["stream"]!.GetValue<bool>());
        Assert.Equal("hi", body["messages"]![0]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.True(body["max_tokens"]!.GetValue<int>() > 0);
    }

    [Theory]
    [InlineData("https://openrouter.ai/api/v1", "https://openrouter.ai/api/v1/chat/completions")]
    [InlineData("https://open.bigmodel.cn/api/paas/v4/", "https://open.bigmodel.cn/api/paas/v4/chat/completions")]
    [InlineData("http://localhost:11434", "http://localhost:11434/v1/chat/completions")]
    public async Task Openai_compatible_leases_get_a_chat_request_with_a_bearer_key(string baseUrl, string expected)
    {
        var lease = new AccountLease { LeaseId = "l4", AccountId = "a4", Kind = "openai-compatible", ApiKey = "or-key", BaseUrls = [baseUrl], UpstreamModel = "deepseek-chat" };

        using var request = UpstreamRequestFactory.Create(lease, baseUrl, Gemini, "r");
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync())!;

        Assert.Equal(expected, request.RequestUri!.ToString());
        Assert.Equal("Bearer or-key", request.Headers.Authorization!.ToString());
        Assert.Equal("deepseek-chat", body["model"]!.GetValue<string>());
        Assert.True(body["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    [Fact]
    public void Unknown_kinds_are_refused()
    {
        var lease = new AccountLease { LeaseId = "l5", AccountId = "a5", Kind = "carrier-pigeon", BaseUrls = ["https://x"], UpstreamModel = "m" };

        Assert.Throws<NotSupportedException>(() => UpstreamRequestFactory.Create(lease, "https://x", Gemini, "r"));
    }
}
