using System.Text.Json.Nodes;

namespace Antigravity.UpstreamEmulator.Faults;

/// <summary>Google's <c>{"error":{"code","message","status","details"}}</c> answers.</summary>
internal static class GoogleErrors
{
    public const string ErrorInfoType = "type.googleapis.com/google.rpc.ErrorInfo";
    public const string RetryInfoType = "type.googleapis.com/google.rpc.RetryInfo";
    public const string HelpType = "type.googleapis.com/google.rpc.Help";
    public const string LocalizedMessageType = "type.googleapis.com/google.rpc.LocalizedMessage";
    public const string QuotaFailureType = "type.googleapis.com/google.rpc.QuotaFailure";

    public const string InvalidCredentialsMessage =
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.";
    public const string MissingCredentialsMessage =
        "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.";
    public const string ApiKeyInvalidMessage = "API key not valid. Please pass a valid API key.";
    public const string UnregisteredCallerMessage =
        "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";

    public static ErrorReply Create(int code, string status, string message, JsonArray? details = null)
    {
        var error = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["status"] = status,
        };
        if (details is { Count: > 0 })
        {
            error["details"] = details;
        }
        return new ErrorReply(code, new JsonObject { ["error"] = error }) { Indented = true };
    }

    public static JsonObject ErrorInfo(string reason, string domain, JsonObject? metadata = null)
    {
        var info = new JsonObject
        {
            ["@type"] = ErrorInfoType,
            ["reason"] = reason,
            ["domain"] = domain,
        };
        if (metadata is not null)
        {
            info["metadata"] = metadata;
        }
        return info;
    }

    public static JsonObject RetryInfo(string retryDelay) => new() { ["@type"] = RetryInfoType, ["retryDelay"] = retryDelay };

    public static ErrorReply InvalidArgument(string message) => Create(400, "INVALID_ARGUMENT", message);

    public static ErrorReply NotFound(string message) => Create(404, "NOT_FOUND", message);

    public static ErrorReply PermissionDenied(string message, JsonArray? details = null) => Create(403, "PERMISSION_DENIED", message, details);

    /// <summary>401 for a missing, unknown or expired OAuth access token, with the ErrorInfo reason Google uses.</summary>
    public static ErrorReply Unauthenticated(string service, string method, string reason)
    {
        var message = reason == "CREDENTIALS_MISSING" ? MissingCredentialsMessage : InvalidCredentialsMessage;
        var reply = Create(401, "UNAUTHENTICATED", message,
        [
            ErrorInfo(reason, "googleapis.com", new JsonObject { ["service"] = service, ["method"] = method }),
        ]);
        return reply.WithHeader("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
    }

    /// <summary>400 <c>API_KEY_INVALID</c>, exactly as generativelanguage.googleapis.com answers a bad key.</summary>
    public static ErrorReply ApiKeyInvalid() => Create(400, "INVALID_ARGUMENT", ApiKeyInvalidMessage,
    [
        ErrorInfo("API_KEY_INVALID", "googleapis.com", new JsonObject { ["service"] = "generativelanguage.googleapis.com" }),
        new JsonObject { ["@type"] = LocalizedMessageType, ["locale"] = "en-US", ["message"] = ApiKeyInvalidMessage },
    ]);

    /// <summary>403 for a call with no API key at all.</summary>
    public static ErrorReply ApiKeyMissing() => Create(403, "PERMISSION_DENIED", UnregisteredCallerMessage);

    /// <summary>400 for a body that is not JSON or does not fit the message type.</summary>
    public static ErrorReply InvalidJson(string detail) => InvalidArgument("Invalid JSON payload received. " + detail);

    public static ErrorReply UnknownField(string name, string? at) =>
        InvalidJson(at is null
            ? $"Unknown name \"{name}\": Cannot find field."
            : $"Unknown name \"{name}\" at '{at}': Cannot find field.");
}
