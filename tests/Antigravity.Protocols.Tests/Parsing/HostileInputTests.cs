using System.Text;
using Antigravity.Protocols.Anthropic;
using Antigravity.Protocols.Gemini;
using Antigravity.Protocols.OpenAi;
using Antigravity.Protocols.Translation;

namespace Antigravity.Protocols.Tests.Parsing;

/// <summary>
/// "Never a 500": every truncation and many byte mutations of every golden request either parse and
/// translate, or come back as a <see cref="ProtocolError"/> — no exception escapes.
/// </summary>
public sealed class HostileInputTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { "OpenAiToGemini", "AnthropicToGemini", "OpenAiRequestParser", "AnthropicRequestParser", "GeminiRequestParser" })
        {
            foreach (var file in Directory.GetFiles(Path.Combine(GoldenFile.Root, folder), "*.input.json").Order(StringComparer.Ordinal))
            {
                data.Add(Path.Combine(folder, Path.GetFileName(file)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Mutated_bodies_never_throw(string relativePath)
    {
        var original = File.ReadAllBytes(Path.Combine(GoldenFile.Root, relativePath));
        var random = new Random(relativePath.Length);
        var variants = new List<byte[]>();
        for (var cut = 0; cut < original.Length; cut += Math.Max(1, original.Length / 60))
        {
            variants.Add(original[..cut]);
        }

        byte[] replacements = "{}[]\":,0-1tfn \\x"u8.ToArray();
        for (var i = 0; i < 200; i++)
        {
            var copy = (byte[])original.Clone();
            copy[random.Next(copy.Length)] = replacements[random.Next(replacements.Length)];
            variants.Add(copy);
        }

        variants.Add(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(original).Replace("\"text\"", "\"text\":{},\"x\"", StringComparison.Ordinal)));
        variants.Add(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(original).Replace("\"content\":", "\"content\":7,\"c\":", StringComparison.Ordinal)));

        foreach (var body in variants)
        {
            await ParseAndTranslateAsync(body);
        }
    }

    private static async Task ParseAndTranslateAsync(byte[] body)
    {
        var options = new RequestTranslationOptions { UpstreamModel = "gemini-2.5-flash" };
        var openAi = OpenAiRequestParser.Parse(body);
        if (openAi.IsSuccess)
        {
            await OpenAiToGemini.TranslateAsync(openAi.Value, options);
        }
        else
        {
            Assert.NotNull(openAi.Error.Message);
        }

        var anthropic = AnthropicRequestParser.Parse(body);
        if (anthropic.IsSuccess)
        {
            await AnthropicToGemini.TranslateAsync(anthropic.Value, options);
        }

        var gemini = GeminiRequestParser.Parse(body);
        Assert.True(gemini.IsSuccess || gemini.Error is not null);
    }
}
