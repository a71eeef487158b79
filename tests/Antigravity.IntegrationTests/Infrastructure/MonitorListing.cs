using System.Text.Json.Nodes;
using Antigravity.Testing;

namespace Antigravity.IntegrationTests.Infrastructure;

/// <summary>Finds a request in the dashboard's request monitor, which records it off the response path.</summary>
internal static class MonitorListing
{
    /// <summary>How long a record may take to be listed.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>The monitor record of request <paramref name="id"/> once <c>/api/monitor/requests</c> lists it (with <paramref name="filters"/>, e.g. <c>&amp;errorsOnly=true</c>).</summary>
    public static async Task<JsonNode> ListedAsync(HttpClient admin, string id, string filters = "")
    {
        JsonNode? record = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            var page = JsonNode.Parse(await admin.GetStringAsync($"/api/monitor/requests?q={Uri.EscapeDataString(id)}{filters}"))!;
            record = page["items"]!.AsArray().FirstOrDefault(item => item!["id"]!.GetValue<string>() == id);
            return record is not null;
        }, Patience, $"request {id} is listed in /api/monitor/requests");
        return record!;
    }
}
