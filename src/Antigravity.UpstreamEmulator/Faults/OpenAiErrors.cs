using System.Text.Json.Nodes;

namespace Antigravity.UpstreamEmulator.Faults;

/// <summary>OpenAI's <c>{"error":{"message","type","param","code"}}</c> answers.</summary>
internal static class OpenAiErrors
{
    public static ErrorReply Create(int status, string message, string type, string? param, string? code) =>
        new(status, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message,
                ["type"] = type,
                ["param"] = param,
                ["code"] = code,
            },
        }, "application/json");

    public static ErrorReply InvalidRequest(string message, string? param = null, string? code = null) =>
        Create(400, message, "invalid_request_error", param, code);
}
