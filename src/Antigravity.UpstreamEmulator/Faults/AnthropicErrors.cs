using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Antigravity.UpstreamEmulator.Faults;

/// <summary>Anthropic's <c>{"type":"error","error":{"type","message"},"request_id"}</c> answers.</summary>
internal static class AnthropicErrors
{
    public static ErrorReply Create(int status, string type, string message)
    {
        var requestId = NewRequestId();
        var body = new JsonObject
        {
            ["type"] = "error",
            ["error"] = new JsonObject { ["type"] = type, ["message"] = message },
            ["request_id"] = requestId,
        };
        return new ErrorReply(status, body, "application/json").WithHeader("request-id", requestId);
    }

    public static ErrorReply InvalidRequest(string message) => Create(400, "invalid_request_error", message);

    public static string NewRequestId() => "req_emu" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
