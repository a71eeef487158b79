using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace Antigravity.UpstreamEmulator.Tests.Control;

public sealed class OptionsTests
{
    [Fact]
    public void A_bad_setting_stops_the_start_with_a_sentence_naming_it()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            builder.UseSetting("Emulator:AccessTokenLifetimeSeconds", "0"));

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains("Emulator:AccessTokenLifetimeSeconds must be between 1 and 86400 (was 0).", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configured_token_lifetime_and_client_are_used()
    {
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseSetting("Emulator:AccessTokenLifetimeSeconds", "120")
            .UseSetting("Emulator:ClientId", "my-client")
            .UseSetting("Emulator:ClientSecret", "my-secret"));
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = "my-client", ["client_secret"] = "my-secret", ["grant_type"] = "refresh_token", ["refresh_token"] = "emulator-refresh-1",
        }));

        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(120, body["expires_in"]!.GetValue<int>());
    }
}
