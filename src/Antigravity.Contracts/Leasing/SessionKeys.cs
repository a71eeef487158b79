using System.Security.Cryptography;
using System.Text;

namespace Antigravity.Contracts.Leasing;

/// <summary>
/// The session key the gateway sends with a lease request, so a conversation stays on one account:
/// Anthropic's <c>metadata.user_id</c> when present, else a hash of the first real user message.
/// </summary>
public static class SessionKeys
{
    /// <summary>The session key, or null when neither input is usable (then there is no stickiness).</summary>
    /// <param name="anthropicUserId">Anthropic <c>metadata.user_id</c>, when the request has one.</param>
    /// <param name="firstUserMessage">The text of the first user message that is not a system reminder or tool result.</param>
    public static string? Create(string? anthropicUserId, string? firstUserMessage)
    {
        if (!string.IsNullOrWhiteSpace(anthropicUserId))
        {
            return "user:" + anthropicUserId.Trim();
        }
        if (string.IsNullOrWhiteSpace(firstUserMessage))
        {
            return null;
        }
        return "msg:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(firstUserMessage.Trim())).AsSpan(0, 16));
    }
}
