using System.Net;
using System.Text;
using System.Text.Json;
using Antigravity.Gateway.Tests.Infrastructure;

namespace Antigravity.Gateway.Tests.Chat;

/// <summary>
/// A tool schema whose <c>$ref</c>s multiply at every level (2 KB that inline into tens of megabytes) is refused
/// with a 400 naming the tool, in the route's protocol, before any account is leased; a schema that reuses its
/// definitions the ordinary way still goes through.
/// </summary>
public sealed class ToolSchemaLimitTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private readonly FakeAccountPool _pool = new();

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/responses")]
    [InlineData("/v1/messages")]
    public async Task An_exponential_ref_chain_is_a_400_naming_the_tool_and_no_account_is_leased(string path)
    {
        var schema = ExponentialSchema(levels: 12);
        Assert.True(schema.Length < 2500, $"the hostile schema is {schema.Length} bytes");
        using var client = await ClientAsync();

        using var response = await client.PostAsync(path, Body(path, "explode_me", schema));
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = Http.ErrorMessage(body);
        Assert.Contains("explode_me", message, StringComparison.Ordinal);
        Assert.Contains("$ref", message, StringComparison.Ordinal);
        if (path == "/v1/messages")
        {
            Assert.Equal("invalid_request_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
        }
        Assert.Equal(0, _pool.Leases);
    }

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/messages")]
    public async Task A_schema_reusing_its_definitions_reaches_the_pool(string path)
    {
        // Every definition used several times, three levels deep: the kind of schema real tools send.
        const string schema = """
            {"type":"object","$defs":{
              "point":{"type":"object","properties":{"x":{"type":"number"},"y":{"type":"number"}},"required":["x","y"]},
              "segment":{"type":"object","properties":{"from":{"$ref":"#/$defs/point"},"to":{"$ref":"#/$defs/point"}}},
              "shape":{"type":"object","properties":{"edges":{"type":"array","items":{"$ref":"#/$defs/segment"}},"center":{"$ref":"#/$defs/point"}}}},
             "properties":{"a":{"$ref":"#/$defs/shape"},"b":{"$ref":"#/$defs/shape"},"c":{"$ref":"#/$defs/shape"},"origin":{"$ref":"#/$defs/point"}}}
            """;
        using var client = await ClientAsync();
        var leasesBefore = _pool.Leases;

        using var response = await client.PostAsync(path, Body(path, "draw", schema));

        Assert.NotEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(_pool.Leases > leasesBefore, "the request reached the account pool");
    }

    /// <summary>Level i holds three references to level i-1: inlining costs 3^levels nodes.</summary>
    private static string ExponentialSchema(int levels)
    {
        var defs = new StringBuilder("""{"l0":{"type":"string"}""");
        for (var i = 1; i <= levels; i++)
        {
            var previous = "{\"$ref\":\"#/$defs/l" + (i - 1) + "\"}";
            defs.Append(",\"l" + i + "\":{\"type\":\"object\",\"properties\":{\"a\":" + previous + ",\"b\":" + previous + ",\"c\":" + previous + "}}");
        }
        defs.Append('}');
        return "{\"type\":\"object\",\"$defs\":" + defs + ",\"properties\":{\"root\":{\"$ref\":\"#/$defs/l" + levels + "\"}}}";
    }

    private static StringContent Body(string path, string toolName, string schema)
    {
        var json = path switch
        {
            "/v1/messages" => $$"""{"model":"claude-sonnet-4-5","max_tokens":100,"messages":[{"role":"user","content":"hi"}],"tools":[{"name":"{{toolName}}","input_schema":{{schema}}}]}""",
            "/v1/responses" => $$"""{"model":"gemini-2.5-flash","input":"hi","tools":[{"type":"function","name":"{{toolName}}","parameters":{{schema}}}]}""",
            _ => $$$"""{"model":"gemini-2.5-flash","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"{{{toolName}}}","parameters":{{{schema}}}}}]}""",
        };
        return new StringContent(json, Encoding.UTF8, "application/json");
    }

    private async Task<HttpClient> ClientAsync() =>
        (await harness.StartGatewayAsync(configure: _pool.AddTo)).CreateClient();
}
