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
}
