using System.Text.Json;
using Antigravity.Contracts.Settings;

namespace Antigravity.Gateway.Tests.Auth;

/// <summary>The settings rules the gateway relies on (the dashboard applies them when saving).</summary>
public sealed class SettingsValidationTests
{
    [Theory]
    [InlineData("sk-123456", "at least 10")]
    [InlineData("pk-1234567890", "start with \"sk-\"")]
    [InlineData("", "must not be empty")]
    [InlineData("sk-12345 67890", "printable ASCII")]
    public void Unusable_api_keys_are_refused_with_the_reason(string key, string reason) =>
        Assert.Contains(reason, ApiKeys.Validate(key), StringComparison.Ordinal);

    [Fact]
    public void A_generated_key_is_valid() => Assert.Null(ApiKeys.Validate(ApiKeys.Generate()));

    [Fact]
    public void An_unknown_auth_mode_is_refused_naming_the_allowed_values()
    {
        var error = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize("""{"authMode":"sometimes","apiKey":"sk-1234567890"}""", SettingsJsonContext.Default.ProxySettings));

        Assert.Contains("off, strict, all_except_health, auto", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("off", ProxyAuthMode.Off)]
    [InlineData("STRICT", ProxyAuthMode.Strict)]
    [InlineData("all_except_health", ProxyAuthMode.AllExceptHealth)]
    [InlineData("auto", ProxyAuthMode.Auto)]
    public void The_wire_spellings_parse(string wire, ProxyAuthMode mode)
    {
        Assert.True(ProxyAuthModes.TryParse(wire, out var parsed));
        Assert.Equal(mode, parsed);
    }

    [Fact]
    public void A_document_stored_by_an_earlier_version_reads_with_today_s_defaults_for_what_it_lacks()
    {
        // Exactly what a first start before the monitor, mapping and dispatch settings existed stored.
        const string Legacy = """
            {"authMode":"auto","apiKey":"sk-10bd60030252934198546e9fa707ca83","enabled":true,
             "scheduling":{"mode":"cache_first","preferredAccountId":null,"quotaProtection":{"enabled":true}},
             "revision":1,"updatedAt":"2026-11-22T07:54:11.87536+00:00"}
            """;

        var settings = ProxySettingsStore.Parse(Legacy);

        Assert.Equal(new MonitorSettings(), settings.Monitor);
        Assert.Empty(settings.ModelMapping);
        Assert.Equal(AnthropicDispatchModes.Off, settings.AnthropicDispatch);
        Assert.Equal("cache_first", settings.Scheduling.Mode);
        Assert.Equal(60, settings.Scheduling.MaxWaitSeconds);
        Assert.True(settings.Scheduling.QuotaProtection.Enabled);
        Assert.Equal(10, settings.Scheduling.QuotaProtection.ThresholdPercent);
        Assert.Equal([60, 300, 1800, 7200], settings.Scheduling.BackoffSeconds);
        // The key stored in clear still works (its hash is taken on reading) and is pending encryption.
        Assert.Equal("sk-10bd60030252934198546e9fa707ca83", settings.ApiKey.PendingPlaintext);
        Assert.True(settings.ApiKey.Matches("sk-10bd60030252934198546e9fa707ca83"));
        Assert.Equal(1, settings.Revision);
    }

    [Fact]
    public void A_stored_mapping_is_kept_whole_and_a_null_section_reads_as_its_default()
    {
        var settings = ProxySettingsStore.Parse("""{"apiKey":"sk-1234567890","modelMapping":{"gpt-4o":"gemini-2.5-pro"},"monitor":null}""");

        Assert.Equal(new Dictionary<string, string> { ["gpt-4o"] = "gemini-2.5-pro" }, settings.ModelMapping);
        Assert.Equal(new MonitorSettings(), settings.Monitor);
    }
}
