using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Antigravity.Gateway.Responses;
using Antigravity.Gateway.Tests.Infrastructure;
using Antigravity.Protocols.Responses;
using Microsoft.Extensions.DependencyInjection;

namespace Antigravity.Gateway.Tests.Service;

/// <summary>
/// Responses stored by one gateway replica are found by another (they live in Redis), so Codex can continue a
/// conversation with <c>previous_response_id</c> whichever replica the load balancer picks.
/// </summary>
public sealed class StoredResponsesTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    [Fact]
    public async Task A_response_stored_by_one_replica_is_read_continued_and_deleted_through_another()
    {
        var first = await harness.StartGatewayAsync();
        var second = await harness.StartGatewayAsync();
        var call = ResponsesRequestParser.Parse("""{"model":"gemini-2.5-flash","input":"Remember me"}"""u8).Value!;
        var response = new ResponsesContext("resp_" + Guid.NewGuid().ToString("N"), 1_795_000_000, call).Create("completed",
            [new ResponsesOutputItem { Type = "message", Id = "msg_1", Status = "completed", Role = "assistant", Content = [new ResponsesOutputContent { Text = "Remembered." }] }]);
        await first.Services.GetRequiredService<StoredResponses>().SaveAsync(response, call.Input, CancellationToken.None);
        using var client = second.CreateClient();

        using var read = await client.GetAsync($"/v1/responses/{response.Id}");
        var body = JsonNode.Parse(await read.Content.ReadAsStringAsync())!;
        var history = await second.Services.GetRequiredService<StoredResponses>().GetAsync(response.Id, CancellationToken.None);
        using var deleted = await client.DeleteAsync($"/v1/responses/{response.Id}");
        using var continued = await client.PostAsync("/v1/responses",
            new StringContent($$"""{"model":"gemini-2.5-flash","previous_response_id":"{{response.Id}}","input":"And now?"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("Remembered.", body["output"]![0]!["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(["user", "assistant"], history!.History.Select(item => item.Role));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, continued.StatusCode);
        Assert.Equal("previous_response_not_found", JsonNode.Parse(await continued.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("resp_not-hex-at-all-000000000000000000")]
    [InlineData("ag:settings:proxy")]
    [InlineData("resp_0123456789abcdef0123456789abcdef")]
    public async Task Unknown_or_malformed_ids_are_an_openai_404(string id)
    {
        var gateway = await harness.SharedGatewayAsync();
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync($"/v1/responses/{Uri.EscapeDataString(id)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("response_not_found", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!["code"]!.GetValue<string>());
    }
}
