using System.Text.Json;
using Antigravity.AccountPool.Cooldowns;
using Antigravity.AccountPool.Upstream;
using Microsoft.Extensions.Options;

namespace Antigravity.AccountPool.OAuth;

/// <summary>Tokens granted by Google's token endpoint.</summary>
internal sealed record TokenGrant(string AccessToken, TimeSpan ExpiresIn, string? RefreshToken);

/// <summary>The token endpoint refused the grant (e.g. <c>invalid_grant</c>).</summary>
internal sealed class OAuthGrantException(string error, string? description, int status)
    : Exception($"Google refused the grant: {error}" + (description is null ? "" : $" ({description})"))
{
    public string Error { get; } = error;

    public string? Description { get; } = description;

    public int Status { get; } = status;

    public bool IsInvalidGrant => Error == "invalid_grant";
}

/// <summary>The OAuth client id or secret is missing; the message says which variables to set.</summary>
internal sealed class OAuthNotConfiguredException(string message) : Exception(message);

/// <summary>Talks to Google's OAuth endpoints: refresh, code exchange, user info.</summary>
internal sealed class GoogleOAuthClient(HttpClient http, IOptionsMonitor<OAuthOptions> options)
{
    public Task<TokenGrant> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        GrantAsync([new("grant_type", "refresh_token"), new("refresh_token", refreshToken)], cancellationToken);

    public Task<TokenGrant> ExchangeCodeAsync(string code, string redirectUri, CancellationToken cancellationToken) =>
        GrantAsync([new("grant_type", "authorization_code"), new("code", code), new("redirect_uri", redirectUri)], cancellationToken);

    /// <summary>The account's e-mail, or null when the user-info endpoint does not say.</summary>
    public async Task<string?> GetEmailAsync(string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, options.CurrentValue.UserInfoUrl);
        request.Headers.Authorization = new("Bearer", accessToken);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        return document.RootElement.TryGetProperty("email", out var email) && email.ValueKind == JsonValueKind.String ? email.GetString() : null;
    }

    private async Task<TokenGrant> GrantAsync(List<KeyValuePair<string, string>> form, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (settings.MissingClientMessage() is { } missing)
        {
            throw new OAuthNotConfiguredException(missing);
        }
        form.Add(new("client_id", settings.ClientId!));
        form.Add(new("client_secret", settings.ClientSecret!));
        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(settings.TokenUrl, content, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = UpstreamError.Parse(body);
            throw new OAuthGrantException(error.Status ?? $"http_{(int)response.StatusCode}", error.Message, (int)response.StatusCode);
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var accessToken = root.TryGetProperty("access_token", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
            if (string.IsNullOrEmpty(accessToken))
            {
                throw new OAuthGrantException("no_access_token", "the token endpoint answered without an access_token", (int)response.StatusCode);
            }
            var expiresIn = root.TryGetProperty("expires_in", out var expires) && expires.TryGetInt32(out var seconds) ? seconds : 3599;
            var refreshToken = root.TryGetProperty("refresh_token", out var refresh) && refresh.ValueKind == JsonValueKind.String ? refresh.GetString() : null;
            return new TokenGrant(accessToken, TimeSpan.FromSeconds(expiresIn), refreshToken);
        }
        catch (JsonException)
        {
            throw new OAuthGrantException("invalid_response", "the token endpoint did not answer JSON", (int)response.StatusCode);
        }
    }
}
