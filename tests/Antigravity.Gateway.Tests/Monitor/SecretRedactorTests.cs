using System.Text;
using Antigravity.Contracts.Monitor;

namespace Antigravity.Gateway.Tests.Monitor;

/// <summary>What the monitor keeps of a body never holds a key, a token or a password.</summary>
public sealed class SecretRedactorTests
{
    private const string ProxyKey = "sk-0123456789abcdef0123456789abcdef";

    [Fact]
    public void Credential_properties_lose_their_values_at_any_depth_and_other_fields_stay()
    {
        var body = """{"model":"gemini-2.5-flash","max_tokens":64,"api_key":"abc123secretvalue","nested":{"refresh_token":"1//xyz","password":"hunter22","input_tokens":5},"headers":{"Authorization":{"scheme":"Bearer"}}}""";

        var text = SecretRedactor.RedactBody(Encoding.UTF8.GetBytes(body), isJson: true, 10_000, null, out var truncated);

        Assert.False(truncated);
        Assert.DoesNotContain("abc123secretvalue", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1//xyz", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter22", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"scheme\"", text, StringComparison.Ordinal);
        Assert.Contains("gemini-2.5-flash", text, StringComparison.Ordinal);
        Assert.Contains("\"max_tokens\": 64", text, StringComparison.Ordinal);
        Assert.Contains("\"input_tokens\": 5", text, StringComparison.Ordinal);
        Assert.Equal(4, CountOf(text, SecretRedactor.Mask));
    }

    [Fact]
    public void Key_shapes_in_message_text_are_removed_and_the_known_proxy_key_too()
    {
        var body = $$"""{"messages":[{"role":"user","content":"my keys: {{ProxyKey}}, AIzaSyA1234567890abcdefghijklmnopqrs, ya29.a0AfH6SMBxyz1234567890 and custom-secret-value-42"}]}""";

        var text = SecretRedactor.RedactBody(Encoding.UTF8.GetBytes(body), isJson: true, 10_000, ["custom-secret-value-42"], out _);

        Assert.DoesNotContain(ProxyKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("AIzaSyA1234567890", text, StringComparison.Ordinal);
        Assert.DoesNotContain("ya29.a0AfH6SMBxyz", text, StringComparison.Ordinal);
        Assert.DoesNotContain("custom-secret-value-42", text, StringComparison.Ordinal);
        Assert.Contains("my keys:", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Free_text_loses_bearer_values_query_keys_and_json_looking_credentials()
    {
        var text = SecretRedactor.RedactText(
            "upstream said: Authorization: Bearer abcdefghijklmnop12345 at https://x.test/v1beta/models?key=AIzaFAKEFAKE&alt=sse {\"access_token\":\"tok-123456\"}");

        Assert.DoesNotContain("abcdefghijklmnop12345", text, StringComparison.Ordinal);
        Assert.DoesNotContain("AIzaFAKEFAKE", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-123456", text, StringComparison.Ordinal);
        Assert.Contains("alt=sse", text, StringComparison.Ordinal);
        Assert.Contains("upstream said", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_body_is_redacted_as_text_and_cut_at_the_limit()
    {
        var events = new StringBuilder();
        for (var i = 0; i < 200; i++)
        {
            events.Append("data: {\"text\":\"chunk ").Append(i).Append(" with ").Append(ProxyKey).Append("\"}\n\n");
        }

        var text = SecretRedactor.RedactBody(Encoding.UTF8.GetBytes(events.ToString()), isJson: false, 1_000, null, out var truncated);

        Assert.True(truncated);
        Assert.Equal(1_000, text.Length);
        Assert.DoesNotContain("sk-0123", text, StringComparison.Ordinal);
        Assert.StartsWith("data: {\"text\":\"chunk 0 with", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_falls_back_to_pattern_redaction()
    {
        var text = SecretRedactor.RedactBody(Encoding.UTF8.GetBytes("{\"apiKey\": \"" + ProxyKey + "\", broken"), isJson: true, 10_000, null, out _);

        Assert.DoesNotContain(ProxyKey, text, StringComparison.Ordinal);
        Assert.Contains("broken", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Authorization", true)]
    [InlineData("x-api-key", true)]
    [InlineData("x-goog-api-key", true)]
    [InlineData("refresh_token", true)]
    [InlineData("client_secret", true)]
    [InlineData("Cookie", true)]
    [InlineData("max_tokens", false)]
    [InlineData("input_tokens", false)]
    [InlineData("content-type", false)]
    [InlineData("model", false)]
    public void Credential_names_are_recognised_in_any_spelling(string name, bool sensitive) =>
        Assert.Equal(sensitive, SecretRedactor.IsSensitiveName(name));

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
