using System.Net;
using System.Text;
using System.Text.Json;
using Antigravity.Gateway.Tests.Infrastructure;

namespace Antigravity.Gateway.Tests.Responses;

/// <summary><c>/v1/responses</c> refusals that are decided before any upstream call, in OpenAI's error shape.</summary>
public sealed class ResponsesEndpointTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    [Theory]
    [InlineData("""{"model":"gemini-2.5-flash","input":"hi","tools":[{"type":"file_search","vector_store_ids":["v"]}],"tool_choice":{"type":"file_search"}}""", "tool_choice.type", "file_search")]
    [InlineData("""{"model":"gemini-2.5-flash","input":"hi","tools":[{"type":"namespace","name":"n","tools":[{"type":"mcp"}]}]}""", "tools[0].tools[0].type", "function")]
    [InlineData("""{"model":"gemini-2.5-flash","input":[{"type":"function_call_output","call_id":"call_x","output":"1"}]}""", "input[0].call_id", "call_x")]
    [InlineData("""{"model":"gemini-2.5-flash","input":[{"type":"message","role":"user","content":[{"type":"input_image","image_url":"ftp://x/y.png"}]}]}""", "input[0].content[0].image_url", "")]
    [InlineData("""{"model":"gemini-2.5-flash","input":"hi","temperature":"hot"}""", "temperature", "temperature")]
    [InlineData("""{"model":"gemini-2.5-flash","input":"hi",""", "", "Invalid JSON")]
    public async Task Bad_input_is_a_400_naming_the_field(string body, string param, string mentioned)
    {
        using var client = (await harness.SharedGatewayAsync()).CreateClient();

        var (status, error) = await PostAsync(client, body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
        Assert.Equal(param.Length == 0 ? null : param, error.GetProperty("param").GetString());
        Assert.Contains(mentioned, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_previous_response_id_is_a_404_naming_it()
    {
        using var client = (await harness.SharedGatewayAsync()).CreateClient();

        var (status, error) = await PostAsync(client, """{"model":"gemini-2.5-flash","input":"hi","previous_response_id":"resp_gone"}""");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("previous_response_not_found", error.GetProperty("code").GetString());
        Assert.Contains("resp_gone", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_and_delete_of_an_unknown_response_are_404()
    {
        using var client = (await harness.SharedGatewayAsync()).CreateClient();

        using var get = await client.GetAsync("/v1/responses/resp_nothing");
        using var delete = await client.DeleteAsync("/v1/responses/resp_nothing");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        using var body = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
        Assert.Equal("response_not_found", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_non_json_body_is_a_415()
    {
        using var client = (await harness.SharedGatewayAsync()).CreateClient();

        using var response = await client.PostAsync("/v1/responses", new StringContent("hi", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Error)> PostAsync(HttpClient client, string body)
    {
        using var response = await client.PostAsync("/v1/responses", new StringContent(body, Encoding.UTF8, "application/json"));
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.GetProperty("error").Clone());
    }
}
