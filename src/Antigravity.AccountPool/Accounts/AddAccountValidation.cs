using Antigravity.Contracts.Accounts;

namespace Antigravity.AccountPool.Accounts;

/// <summary>Checks an add-account body and names the field at fault.</summary>
internal static class AddAccountValidation
{
    public static FieldError? Validate(AddAccountRequest? request)
    {
        if (request is null)
        {
            return Error("The body must be a JSON object with a \"kind\".", null);
        }
        if (string.IsNullOrWhiteSpace(request.Kind))
        {
            return Error($"kind is required (one of {string.Join(", ", AccountKinds.All)}).", "kind");
        }
        if (!AccountKinds.IsKnown(request.Kind))
        {
            return Error($"kind must be one of {string.Join(", ", AccountKinds.All)} (got \"{request.Kind}\").", "kind");
        }
        if (request.Label is { Length: > 100 })
        {
            return Error("label must be at most 100 characters.", "label");
        }
        switch (request.Kind)
        {
            case AccountKinds.Antigravity:
                return string.IsNullOrWhiteSpace(request.RefreshToken) ? Error("refreshToken is required for an antigravity account.", "refreshToken") : null;
            case AccountKinds.GeminiApiKey:
                return string.IsNullOrWhiteSpace(request.ApiKey) ? Error("apiKey is required for a gemini-api-key account.", "apiKey") : null;
            default:
                if (string.IsNullOrWhiteSpace(request.BaseUrl))
                {
                    return Error($"baseUrl is required for an {request.Kind} account.", "baseUrl");
                }
                if (!Uri.TryCreate(request.BaseUrl.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
                {
                    return Error($"baseUrl must be an absolute http(s) URL (got \"{request.BaseUrl}\").", "baseUrl");
                }
                if (string.IsNullOrWhiteSpace(request.ApiKey))
                {
                    return Error($"apiKey is required for an {request.Kind} account.", "apiKey");
                }
                if ((request.Models is null || request.Models.All(string.IsNullOrWhiteSpace)) && request.ModelMapping is not { Count: > 0 })
                {
                    return Error($"models must list at least one model for an {request.Kind} account (or give modelMapping).", "models");
                }
                return null;
        }
    }

    private static FieldError Error(string message, string? field) => new() { Error = message, Field = field };
}
