using System.Text;
using System.Text.Json.Nodes;
using Antigravity.Contracts.Leasing;
using Antigravity.Gateway.Upstream;
using Antigravity.Gateway.Upstream.Kinds;

namespace Antigravity.Gateway.Tests.Upstream;

/// <summary>The upstream request each account kind builds (one class per kind, looked up by kind).</summary>
public sealed class UpstreamKindsTests
{
    private static readonly byte[] Gemini = Encoding.UTF8.GetBytes("""{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""");

    private static readonly UpstreamKinds Kinds = new([new CloudCodeKind(), new GeminiApiKeyKind(), new AnthropicCompatibleKind(), new OpenAiCompatibleKind()]);

    private static HttpRequestMessage Create(AccountLease lease, string baseUrl, string requestId) =>
        Kinds.For(lease.Kind).CreateGenerate(lease, baseUrl, Gemini, requestId, passThrough: null, builtInTools: false, wholeAnswer: false);

    [Fact]
    public async Task Antigravity_leases_get_the_cloud_code_envelope_and_a_bearer_token()
    {
        var lease = new AccountLease
        {
            LeaseId = "l1", AccountId = "a1", Kind = "antigravity", AccessToken = "ya29.token", ProjectId = "proj-1",
            BaseUrls = ["https://cloudcode.example/"], UpstreamModel = "gemini-2.5-pro",
        };

        using var request = Create(lease, lease.BaseUrls[0], "agent-123");
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

        using var request = Create(lease, lease.BaseUrls[0], "agent-1");

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

        using var request = Create(lease, baseUrl, "r");
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

        using var request = Create(lease, baseUrl, "r");
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync())!;

        Assert.Equal(expected, request.RequestUri!.ToString());
        Assert.Equal("Bearer or-key", request.Headers.Authorization!.ToString());
        Assert.Equal("deepseek-chat", body["model"]!.GetValue<string>());
        Assert.True(body["stream_options"]!["include_usage"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Only_openai_compatible_leases_ask_for_one_whole_answer_when_the_client_does_not_stream()
    {
        var lease = new AccountLease { LeaseId = "l6", AccountId = "a6", Kind = "openai-compatible", ApiKey = "or-key", BaseUrls = ["https://p.example/v1"], UpstreamModel = "deepseek-chat" };

        using var request = Kinds.For(lease.Kind).CreateGenerate(lease, lease.BaseUrls[0], Gemini, "r", passThrough: null, builtInTools: false, wholeAnswer: true);
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync())!;

        Assert.False(body["stream"]!.GetValue<bool>());
        Assert.Null(body["stream_options"]);
        Assert.True(Kinds.For("openai-compatible").AnswersWhole);
        Assert.False(Kinds.For("antigravity").AnswersWhole);
        Assert.False(Kinds.For("gemini-api-key").AnswersWhole);
        Assert.False(Kinds.For("anthropic-compatible").AnswersWhole);
    }

    [Fact]
    public void Unknown_kinds_are_refused()
    {
        var lease = new AccountLease { LeaseId = "l5", AccountId = "a5", Kind = "carrier-pigeon", BaseUrls = ["https://x"], UpstreamModel = "m" };

        Assert.Throws<NotSupportedException>(() => Create(lease, "https://x", "r"));
    }

    [Fact]
    public void Only_the_provider_kinds_pass_their_own_protocol_through_and_only_Google_kinds_run_built_in_tools_for_Gemini_models()
    {
        Assert.Equal(Protocols.ProtocolKind.Anthropic, Kinds.For("anthropic-compatible").ClientProtocol);
        Assert.Equal(Protocols.ProtocolKind.OpenAi, Kinds.For("openai-compatible").ClientProtocol);
        Assert.Null(Kinds.For("antigravity").ClientProtocol);
        Assert.Null(Kinds.For("gemini-api-key").ClientProtocol);
        Assert.True(Kinds.For("antigravity").RunsBuiltInTools("gemini-2.5-pro"));
        Assert.False(Kinds.For("antigravity").RunsBuiltInTools("claude-sonnet-4-5"));
        Assert.True(Kinds.For("gemini-api-key").RunsBuiltInTools("gemini-2.5-flash"));
        Assert.False(Kinds.For("openai-compatible").RunsBuiltInTools("gemini-2.5-flash"));
        Assert.Equal("_OTHER", Kinds.GenAiSystemOf("carrier-pigeon"));
        Assert.Equal("gcp.vertex_ai", Kinds.GenAiSystemOf("antigravity"));
    }

    [Theory]
    [InlineData(false, "application/json")]
    [InlineData(true, "text/event-stream")]
    public async Task A_passed_through_body_changes_only_its_model_and_streams_only_if_the_client_does(bool streams, string accept)
    {
        var client = """{"model" : "gpt-4o","stream":STREAM,"seed":42,"messages":[{"role":"user","content":"caf\u00e9 \"model\""}],"metadata":{"model":"kept"}}""".Replace("STREAM", streams ? "true" : "false", StringComparison.Ordinal);
        var lease = new AccountLease { LeaseId = "l", AccountId = "a", Kind = "openai-compatible", ApiKey = "sk", BaseUrls = ["https://p.example/v1"], UpstreamModel = "deepseek-chat" };
        var passThrough = new ClientPassThrough(Antigravity.Protocols.ProtocolKind.OpenAi, Encoding.UTF8.GetBytes(client), null, null, streams);

        using var request = Kinds.For(lease.Kind).CreateGenerate(lease, lease.BaseUrls[0], Gemini, "r", passThrough, builtInTools: false, wholeAnswer: false);
        var body = await request.Content!.ReadAsStringAsync();

        Assert.Equal(client.Replace("gpt-4o", "deepseek-chat", StringComparison.Ordinal), body);
        Assert.Equal(accept, request.Headers.Accept.Count == 0 ? "application/json" : request.Headers.Accept.ToString());
    }

    [Fact]
    public void A_body_without_a_model_gets_one()
    {
        Assert.Equal("""{"model":"m","a":1}""", Encoding.UTF8.GetString(UpstreamRequests.PassThroughBody("""{"a":1}"""u8.ToArray(), "m")));
        Assert.Equal("""{"model":"m"}""", Encoding.UTF8.GetString(UpstreamRequests.PassThroughBody("""{}"""u8.ToArray(), "m")));
        Assert.Equal("a\"b", JsonNode.Parse(UpstreamRequests.PassThroughBody("""{"model":"x"}"""u8.ToArray(), "a\"b"))!["model"]!.GetValue<string>());
    }
}
