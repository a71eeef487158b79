using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Antigravity.Contracts.Leasing;

namespace Antigravity.Contracts.Accounts;

/// <summary>
/// Typed client of the AccountPool service (base address <see cref="BaseAddress"/>, resolved by service
/// discovery from <c>services:accountpool:http:0</c>). Register with
/// <see cref="AccountPoolClientRegistration.AddAccountPoolClient"/>.
/// </summary>
public sealed class AccountPoolClient(HttpClient http)
{
    /// <summary>The logical address of the pool.</summary>
    public static readonly Uri BaseAddress = new("http://accountpool");

    private static PoolJsonContext Json => PoolJsonContext.Default;

    /// <summary>
    /// Leases an account for one attempt (<c>POST /internal/leases</c>). Never throws for a refusal:
    /// 429 / 404 / 503 / 400 come back in <see cref="LeaseResult.Refusal"/>.
    /// </summary>
    public async Task<LeaseResult> LeaseAsync(LeaseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var response = await http.PostAsJsonAsync("/internal/leases", request, Json.LeaseRequest, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            var lease = await response.Content.ReadFromJsonAsync(Json.AccountLease, cancellationToken).ConfigureAwait(false);
            return new LeaseResult { Lease = lease, StatusCode = response.StatusCode };
        }
        var refusal = await ReadAsync(response, Json.LeaseRefusal, cancellationToken).ConfigureAwait(false)
            ?? new LeaseRefusal { Error = $"The account pool answered {(int)response.StatusCode}." };
        if (refusal.RetryAfterSeconds is null && response.Headers.RetryAfter?.Delta is { } wait)
        {
            // A pool that cannot use Redis says when to come back only in the header.
            refusal = refusal with { RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) };
        }
        return new LeaseResult { Refusal = refusal, StatusCode = response.StatusCode };
    }

    /// <summary>Reports how an attempt went (<c>POST /internal/leases/{leaseId}/outcome</c>) and returns what to do next.</summary>
    public async Task<OutcomeResponse> ReportOutcomeAsync(string leaseId, LeaseOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseId);
        ArgumentNullException.ThrowIfNull(outcome);
        using var response = await http.PostAsJsonAsync($"/internal/leases/{Uri.EscapeDataString(leaseId)}/outcome", outcome, Json.LeaseOutcome, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            // An unknown or expired lease: nothing the pool can do; move on.
            return new OutcomeResponse { Action = OutcomeActions.NextAccount, Reason = $"pool answered {(int)response.StatusCode}" };
        }
        return await response.Content.ReadFromJsonAsync(Json.OutcomeResponse, cancellationToken).ConfigureAwait(false)
            ?? new OutcomeResponse { Action = OutcomeActions.None };
    }

    /// <summary>
    /// Reports outcomes nobody waits for (successes, the request's own faults, cut streams) in one call
    /// (<c>POST /internal/leases/outcomes</c>); throws <see cref="HttpRequestException"/> when the pool refuses them.
    /// </summary>
    public async Task ReportOutcomesAsync(IReadOnlyList<OutcomeReport> reports, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reports);
        using var response = await http.PostAsJsonAsync("/internal/leases/outcomes", reports, Json.IReadOnlyListOutcomeReport, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    /// <summary><c>GET /internal/accounts</c>: every account (secrets masked).</summary>
    public Task<PoolAnswer<IReadOnlyList<AccountView>>> ListAccountsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "/internal/accounts", null, Json.IReadOnlyListAccountView, cancellationToken);

    /// <summary><c>GET /internal/accounts/{id}</c>.</summary>
    public Task<PoolAnswer<AccountView>> GetAccountAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, AccountPath(id), null, Json.AccountView, cancellationToken);

    /// <summary><c>POST /internal/accounts</c>: 201 with the account, or 400 naming the field.</summary>
    public Task<PoolAnswer<AccountView>> AddAccountAsync(AddAccountRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/internal/accounts", JsonContent.Create(request, Json.AddAccountRequest), Json.AccountView, cancellationToken);

    /// <summary><c>PATCH /internal/accounts/{id}</c>: enable/disable, label, models.</summary>
    public Task<PoolAnswer<AccountView>> UpdateAccountAsync(string id, UpdateAccountRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Patch, AccountPath(id), JsonContent.Create(request, Json.UpdateAccountRequest), Json.AccountView, cancellationToken);

    /// <summary><c>DELETE /internal/accounts/{id}</c>: 204, or 404.</summary>
    public Task<PoolAnswer<AccountView>> DeleteAccountAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Delete, AccountPath(id), null, Json.AccountView, cancellationToken);

    /// <summary><c>POST /internal/accounts/{id}/refresh</c>: refreshes token, project and quota now.</summary>
    public Task<PoolAnswer<AccountView>> RefreshAccountAsync(string id, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, AccountPath(id) + "/refresh", null, Json.AccountView, cancellationToken);

    /// <summary><c>POST /internal/accounts/import</c>: an Antigravity Tools data folder as JSON, or our export.</summary>
    public Task<PoolAnswer<ImportResult>> ImportAsync(JsonElement body, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/internal/accounts/import", JsonContent.Create(body, Json.JsonElement), Json.ImportResult, cancellationToken);

    /// <summary><c>GET /internal/accounts/export</c>: the importable backup (contains secrets).</summary>
    public Task<PoolAnswer<AccountExport>> ExportAsync(CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, "/internal/accounts/export", null, Json.AccountExport, cancellationToken);

    /// <summary><c>POST /internal/oauth/start</c>: the Google authorize URL for a sign-in returning to <paramref name="redirectUri"/>.</summary>
    public Task<PoolAnswer<OAuthStartResponse>> StartOAuthAsync(string redirectUri, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/internal/oauth/start", JsonContent.Create(new OAuthStartRequest { RedirectUri = redirectUri }, Json.OAuthStartRequest), Json.OAuthStartResponse, cancellationToken);

    /// <summary><c>POST /internal/oauth/exchange</c>: turns the code into a new account (201).</summary>
    public Task<PoolAnswer<AccountView>> ExchangeOAuthCodeAsync(OAuthExchangeRequest request, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, "/internal/oauth/exchange", JsonContent.Create(request, Json.OAuthExchangeRequest), Json.AccountView, cancellationToken);

    private static string AccountPath(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        return "/internal/accounts/" + Uri.EscapeDataString(id);
    }

    private async Task<PoolAnswer<T>> SendAsync<T>(HttpMethod method, string path, HttpContent? content, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode)
        {
            var value = response.StatusCode == HttpStatusCode.NoContent ? default : await ReadAsync(response, typeInfo, cancellationToken).ConfigureAwait(false);
            return new PoolAnswer<T> { StatusCode = response.StatusCode, Value = value };
        }
        var error = await ReadAsync(response, Json.FieldError, cancellationToken).ConfigureAwait(false)
            ?? new FieldError { Error = $"The account pool answered {(int)response.StatusCode}." };
        return new PoolAnswer<T> { StatusCode = response.StatusCode, Error = error };
    }

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength == 0)
        {
            return default;
        }
        try
        {
            return await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
