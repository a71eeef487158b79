using System.Security.Cryptography;
using System.Text;

namespace Antigravity.Protocols.Thinking;

/// <summary>
/// Tool-call ids for calls the upstream did not number (Gemini may omit <c>functionCall.id</c>): stable,
/// derived from the answer's id and the call's position, with each protocol's prefix.
/// </summary>
public static class ToolCallIds
{
    /// <summary>Prefix of Anthropic tool-use ids.</summary>
    public const string AnthropicPrefix = "toolu_";

    /// <summary>Prefix of OpenAI tool-call ids.</summary>
    public const string OpenAiPrefix = "call_";

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>The upstream id when there is one, else <c>prefix</c> + 24 characters derived from <paramref name="seed"/> and <paramref name="index"/>.</summary>
    public static string For(string? upstreamId, string prefix, string seed, int index)
    {
        if (!string.IsNullOrEmpty(upstreamId))
        {
            return upstreamId;
        }

        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(seed);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(seed + "#" + index.ToString(System.Globalization.CultureInfo.InvariantCulture)), hash);
        Span<char> chars = stackalloc char[24];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[hash[i] % Alphabet.Length];
        }

        return prefix + new string(chars);
    }
}
