using System.Net;
using System.Text;
using Antigravity.Contracts.Settings;
using Antigravity.Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Antigravity.Gateway.Tests.Errors;

/// <summary>
/// A seeded, reproducible run of thousands of malformed bodies (mutations of valid requests: truncation, wrong
/// types, deep nesting, huge numbers, invalid UTF-8, duplicate keys, stray bytes) over every chat route: no 5xx,
/// no trace, no secret in any answer. The seed is in the failure message; rerun with it to reproduce.
/// </summary>
public sealed class MalformedJsonFuzzTests(GatewayHarness harness) : IClassFixture<GatewayHarness>
{
    private const int Seed = 1414;
    private const int BodiesPerRoute = 500;
    private const string ApiKey = "sk-fuzz0000111122223333444455556666";

    private static readonly string[] Bases =
    [
        """{"model":"gemini-2.5-flash","stream":false,"max_tokens":64,"temperature":0.5,"messages":[{"role":"system","content":"be brief"},{"role":"user","content":[{"type":"text","text":"hi"}]},{"role":"assistant","content":"","tool_calls":[{"id":"call_1","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]},{"role":"tool","tool_call_id":"call_1","content":"2"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"a":{"type":"integer"}},"required":["a"]}}}]}""",
        """{"model":"gemini-2.5-flash","input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}],"tools":[{"type":"function","name":"f","parameters":{"type":"object","properties":{"a":{"$ref":"#/$defs/x"}},"$defs":{"x":{"type":"string"}}}}],"reasoning":{"effort":"low"}}""",
        """{"model":"claude-sonnet-4-5","max_tokens":64,"system":[{"type":"text","text":"be brief"}],"messages":[{"role":"user","content":[{"type":"text","text":"hi"}]},{"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"f","input":{"a":1}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"2"}]}],"tools":[{"name":"f","input_schema":{"type":"object","properties":{"a":{"type":"integer"}}}}],"thinking":{"type":"enabled","budget_tokens":1024}}""",
        """{"contents":[{"role":"user","parts":[{"text":"hi"},{"inlineData":{"mimeType":"image/png","data":"iVBORw0KGgo="}}]}],"systemInstruction":{"parts":[{"text":"be brief"}]},"tools":[{"functionDeclarations":[{"name":"f","parameters":{"type":"OBJECT","properties":{"a":{"type":"INTEGER"}}}}]}],"generationConfig":{"temperature":0.5,"maxOutputTokens":64}}""",
    ];

    private static readonly string[] Replacements =
    [
        "{}", "[]", "null", "true", "0", "-1", "1e400", "-1e400", "123456789012345678901234567890", "\"\"", "\"x\"",
        "\"\\ud800\"", "\"\\u0000\"", "[[[[[[[[[[]]]]]]]]]]", "{\"a\":{\"b\":{\"c\":{}}}}", "1.5", "NaN", "\"" + new string('x', 3000) + "\"",
    ];

    [Fact]
    public async Task Thousands_of_malformed_bodies_never_get_a_5xx_a_trace_or_a_secret()
    {
        var pool = new FakeAccountPool { LeaseStatus = HttpStatusCode.NotFound, LeaseBody = """{"error":"No account serves model x."}""" };
        var gateway = await harness.StartGatewayAsync(presetApiKey: ApiKey, configure: pool.AddTo);
        var settings = await harness.SetAsync(s => s with { AuthMode = ProxyAuthMode.Strict, ApiKey = ProxyApiKey.FromPlaintext(ApiKey), Enabled = true });
        await GatewayHarness.WaitForRevisionAsync(gateway, settings.Revision);
        using var client = gateway.CreateClient();
        client.DefaultRequestHeaders.Add("x-api-key", ApiKey);
        var random = new Random(Seed);
        var failures = new List<string>();
        var sent = 0;

        foreach (var route in ChatRequests.Routes)
        {
            for (var i = 0; i < BodiesPerRoute; i++)
            {
                var body = Mutate(Encoding.UTF8.GetBytes(Bases[random.Next(Bases.Length)]), random);
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync(route, content);
                var text = await response.Content.ReadAsStringAsync();
                sent++;
                if ((int)response.StatusCode >= 500 || text.Contains("   at ", StringComparison.Ordinal)
                    || text.Contains("Exception", StringComparison.Ordinal) || text.Contains(ApiKey, StringComparison.Ordinal))
                {
                    failures.Add($"{route} #{i}: {(int)response.StatusCode} {Truncate(text)} for body {Truncate(Encoding.UTF8.GetString(body))}");
                }
            }
        }

        Assert.True(sent >= 3000, $"only {sent} bodies were sent");
        Assert.True(failures.Count == 0, $"seed {Seed}: {failures.Count} bad answers, e.g.\n" + string.Join("\n", failures.Take(5)));
    }

    private static byte[] Mutate(byte[] body, Random random)
    {
        var text = Encoding.UTF8.GetString(body);
        switch (random.Next(9))
        {
            case 0: // truncation
                return body[..random.Next(body.Length)];
            case 1: // a stray byte
                var copy = (byte[])body.Clone();
                copy[random.Next(copy.Length)] = "{}[]\":,0-1tfn \\x"u8[random.Next(16)];
                return copy;
            case 2: // a value of the wrong type
                return Encoding.UTF8.GetBytes(ReplaceValue(text, random, Replacements[random.Next(Replacements.Length)]));
            case 3: // deep nesting
                var depth = random.Next(100, 5000);
                return Encoding.UTF8.GetBytes(ReplaceValue(text, random, new string('[', depth) + new string(']', depth)));
            case 4: // huge numbers
                return Encoding.UTF8.GetBytes(ReplaceValue(text, random, random.Next(2) == 0 ? "1" + new string('0', 400) : "-9.99e99999"));
            case 5: // invalid UTF-8
                var bytes = new List<byte>(body);
                bytes.Insert(random.Next(bytes.Count), (byte)random.Next(0x80, 0x100));
                return [.. bytes];
            case 6: // duplicate keys
                return Encoding.UTF8.GetBytes("{\"model\":" + Replacements[random.Next(Replacements.Length)] + "," + text[1..]);
            case 7: // a whole structure swapped for another route's
                return Encoding.UTF8.GetBytes(Bases[random.Next(Bases.Length)][..^1] + "," + text[1..]);
            default: // several stray bytes
                var many = (byte[])body.Clone();
                for (var k = random.Next(1, 8); k > 0; k--)
                {
                    many[random.Next(many.Length)] = (byte)random.Next(256);
                }
                return many;
        }
    }

    /// <summary>Replaces the value after a random <c>":</c> with <paramref name="value"/> (up to the next <c>,</c> or closing bracket).</summary>
    private static string ReplaceValue(string text, Random random, string value)
    {
        var colons = new List<int>();
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] == '"' && text[i + 1] == ':')
            {
                colons.Add(i + 2);
            }
        }
        var start = colons[random.Next(colons.Count)];
        var end = start;
        while (end < text.Length && text[end] is not (',' or '}' or ']'))
        {
            end++;
        }
        return text[..start] + value + text[end..];
    }

    private static string Truncate(string text) => text.Length > 1200 ? text[..1200] + "…" : text;
}
