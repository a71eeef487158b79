using Microsoft.Extensions.Options;

namespace Antigravity.AccountPool.Upstream;

/// <summary>Google OAuth endpoints and client (section <c>Upstream:OAuth</c>).</summary>
internal sealed class OAuthOptions
{
    public const string Section = "Upstream:OAuth";

    public string AuthorizeUrl { get; set; } = "https://accounts.google.com/o/oauth2/v2/auth";

    public string TokenUrl { get; set; } = "https://oauth2.googleapis.com/token";

    public string UserInfoUrl { get; set; } = "https://www.googleapis.com/oauth2/v2/userinfo";

    /// <summary>OAuth client id (configuration only; needed once a Google account must be refreshed).</summary>
    public string? ClientId { get; set; }

    /// <summary>OAuth client secret (configuration only, never committed).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Scopes requested at sign-in.</summary>
    public string[] Scopes { get; set; } =
    [
        "openid",
        "https://www.googleapis.com/auth/cloud-platform",
        "https://www.googleapis.com/auth/userinfo.email",
        "https://www.googleapis.com/auth/userinfo.profile",
        "https://www.googleapis.com/auth/cclog",
        "https://www.googleapis.com/auth/experimentsandconfigs",
    ];

    /// <summary>The sentence to show when the client is not configured, or null when it is.</summary>
    public string? MissingClientMessage() =>
        string.IsNullOrWhiteSpace(ClientId) || string.IsNullOrWhiteSpace(ClientSecret)
            ? "The Google OAuth client is not configured: set Upstream__OAuth__ClientId and Upstream__OAuth__ClientSecret (configuration keys Upstream:OAuth:ClientId / ClientSecret) to use Google (antigravity) accounts."
            : null;
}

/// <summary>The Cloud Code (<c>v1internal</c>) API (section <c>Upstream:CloudCode</c>).</summary>
internal sealed class CloudCodeOptions
{
    public const string Section = "Upstream:CloudCode";

    public static readonly string[] DefaultBaseUrls =
    [
        "https://daily-cloudcode-pa.sandbox.googleapis.com",
        "https://daily-cloudcode-pa.googleapis.com",
        "https://cloudcode-pa.googleapis.com",
    ];

    /// <summary>Base URLs in the order they are tried (the next on 404, 408, 5xx or a network error).</summary>
    public string[] BaseUrls { get; set; } = [];

    /// <summary>User-Agent sent to Cloud Code.</summary>
    public string UserAgent { get; set; } = "antigravity/1.11.5 windows/amd64";

    /// <summary>The configured base URLs, or the defaults.</summary>
    public IReadOnlyList<string> EffectiveBaseUrls => BaseUrls is { Length: > 0 } ? BaseUrls : DefaultBaseUrls;
}

/// <summary>The Gemini API (section <c>Upstream:GeminiApi</c>).</summary>
internal sealed class GeminiApiOptions
{
    public const string Section = "Upstream:GeminiApi";

    public string BaseUrl { get; set; } = "https://generativelanguage.googleapis.com";
}

/// <summary>Says which upstream URL is wrong. A missing OAuth client is not an error here: it only matters when a Google account must be refreshed.</summary>
internal sealed class ValidateUpstreamOptions : IValidateOptions<OAuthOptions>, IValidateOptions<CloudCodeOptions>, IValidateOptions<GeminiApiOptions>
{
    public ValidateOptionsResult Validate(string? name, OAuthOptions options)
    {
        List<string> failures = [];
        AbsoluteUrl(options.AuthorizeUrl, "Upstream:OAuth:AuthorizeUrl", failures);
        AbsoluteUrl(options.TokenUrl, "Upstream:OAuth:TokenUrl", failures);
        AbsoluteUrl(options.UserInfoUrl, "Upstream:OAuth:UserInfoUrl", failures);
        if (options.Scopes is not { Length: > 0 })
        {
            failures.Add("Upstream:OAuth:Scopes must list at least one scope.");
        }
        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, CloudCodeOptions options)
    {
        List<string> failures = [];
        for (var i = 0; i < options.BaseUrls.Length; i++)
        {
            AbsoluteUrl(options.BaseUrls[i], $"Upstream:CloudCode:BaseUrls:{i}", failures);
        }
        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, GeminiApiOptions options)
    {
        List<string> failures = [];
        AbsoluteUrl(options.BaseUrl, "Upstream:GeminiApi:BaseUrl", failures);
        return Result(failures);
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

    private static void AbsoluteUrl(string? value, string key, List<string> failures)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{key} must be an absolute http(s) URL (got \"{value}\").");
        }
    }
}
