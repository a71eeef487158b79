using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Antigravity.Contracts.Accounts;
using Antigravity.Dashboard.Accounts;
using Antigravity.Dashboard.Auth;

namespace Antigravity.Dashboard.Endpoints;

/// <summary>
/// The admin REST API for upstream accounts (<c>/api/accounts/…</c>, admin password required) and the Google
/// sign-in callback (<c>/auth/callback</c>). The AccountPool service owns the accounts; these routes pass each
/// call to it through <see cref="AccountPoolClient"/> and return its answer, errors in the admin API's shape.
/// </summary>
internal static class AccountsApi
{
    /// <summary>Name of the <see cref="HttpClient"/> used to reach the pool.</summary>
    public const string PoolClientName = "accountpool";

    private const int MaxImportBytes = 32 * 1024 * 1024;

    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        // The state in the callback is the capability: it was issued to a signed-in admin, lives ten minutes and
        // works once. The session cookie (SameSite=Strict) is not sent on the redirect back from Google anyway.
        app.MapGet("/auth/callback", CallbackAsync).ExcludeFromDescription();

        var accounts = app.MapGroup("/api/accounts")
            .RequireAuthorization(AdminAuthentication.ApiPolicy)
            .WithTags("Accounts");
        accounts.MapGet("/", ListAsync).WithName("ListAccounts").WithSummary("Every upstream account with its state, quota per model, cooldowns and last use (secrets masked).");
        accounts.MapPost("/", AddAsync).WithName("AddAccount").WithSummary("Adds an account: antigravity (refreshToken), gemini-api-key (apiKey), anthropic-compatible / openai-compatible (baseUrl, apiKey, models).");
        accounts.MapPost("/import", ImportAsync).WithName("ImportAccounts").WithSummary("Imports an Antigravity Tools data folder ({accountsJson, accounts}) or an export of ours.");
        accounts.MapGet("/export", ExportAsync).WithName("ExportAccounts").WithSummary("An importable backup of every account. It contains refresh tokens and keys: keep it secret.");
        accounts.MapPost("/oauth/start", StartOAuthAsync).WithName("StartGoogleSignIn").WithSummary("The Google sign-in URL; Google returns to /auth/callback on this dashboard.");
        accounts.MapPost("/oauth/exchange", ExchangeAsync).WithName("ExchangeGoogleCode").WithSummary("Paste the code (or the whole callback URL) when the browser cannot reach this dashboard.");
        accounts.MapGet("/{id}", GetAsync).WithName("GetAccount");
        accounts.MapPatch("/{id}", UpdateAsync).WithName("UpdateAccount").WithSummary("Enables or disables an account, or changes its label or models.");
        accounts.MapDelete("/{id}", DeleteAsync).WithName("DeleteAccount");
        accounts.MapPost("/{id}/refresh", RefreshAsync).WithName("RefreshAccount").WithSummary("Refreshes the token, project, tier and quota now.");
        return accounts;
    }

    private static Task<IResult> ListAsync(IHttpClientFactory factory, CancellationToken cancellationToken) =>
        CallAsync(factory, pool => pool.ListAccountsAsync(cancellationToken), PoolJsonContext.Default.IReadOnlyListAccountView);

    private static Task<IResult> GetAsync(string id, IHttpClientFactory factory, CancellationToken cancellationToken) =>
        CallAsync(factory, pool => pool.GetAccountAsync(id, cancellationToken), PoolJsonContext.Default.AccountView);

    private static async Task<IResult> AddAsync(HttpRequest request, IHttpClientFactory factory, CancellationToken cancellationToken)
    {
        var (body, error) = await ReadAsync(request, PoolJsonContext.Default.AddAccountRequest, cancellationToken);
        if (body is null)
        {
            return error!;
        }
        var result = await CallAsync(factory, pool => pool.AddAccountAsync(body, cancellationToken), PoolJsonContext.Default.AccountView);
        return result;
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, IHttpClientFactory factory, CancellationToken cancellationToken)
    {
        var (body, error) = await ReadAsync(request, PoolJsonContext.Default.UpdateAccountRequest, cancellationToken);
        return body is null ? error! : await CallAsync(factory, pool => pool.UpdateAccountAsync(id, body, cancellationToken), PoolJsonContext.Default.AccountView);
    }

    private static Task<IResult> DeleteAsync(string id, IHttpClientFactory factory, CancellationToken cancellationToken) =>
        CallAsync(factory, pool => pool.DeleteAccountAsync(id, cancellationToken), PoolJsonContext.Default.AccountView);

    private static Task<IResult> RefreshAsync(string id, IHttpClientFactory factory, CancellationToken cancellationToken) =>
        CallAsync(factory, pool => pool.RefreshAccountAsync(id, cancellationToken), PoolJsonContext.Default.AccountView);

    private static async Task<IResult> ExportAsync(HttpContext context, IHttpClientFactory factory, CancellationToken cancellationToken)
    {
        context.Response.Headers.ContentDisposition = "attachment; filename=\"antigravity-accounts.json\"";
        return await CallAsync(factory, pool => pool.ExportAsync(cancellationToken), PoolJsonContext.Default.AccountExport);
    }

    private static async Task<IResult> ImportAsync(HttpRequest request, IHttpClientFactory factory, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxImportBytes)
        {
            return Error(HttpStatusCode.RequestEntityTooLarge, $"The import must be at most {MaxImportBytes / (1024 * 1024)} MiB.", null);
        }
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Error(HttpStatusCode.BadRequest, "The body is not valid JSON.", null);
        }
        return await CallAsync(factory, pool => pool.ImportAsync(body, cancellationToken), PoolJsonContext.Default.ImportResult);
    }

    private static Task<IResult> StartOAuthAsync(HttpRequest request, IHttpClientFactory factory, CancellationToken cancellationToken) =>
        CallAsync(factory, pool => pool.StartOAuthAsync(CallbackUri(request), cancellationToken), PoolJsonContext.Default.OAuthStartResponse);

    private static async Task<IResult> ExchangeAsync(HttpRequest request, IHttpClientFactory factory, CancellationToken cancellationToken)
    {
        var (body, error) = await ReadAsync(request, PoolJsonContext.Default.OAuthExchangeRequest, cancellationToken);
        return body is null ? error! : await CallAsync(factory, pool => pool.ExchangeOAuthCodeAsync(body, cancellationToken), PoolJsonContext.Default.AccountView);
    }

    private static async Task<IResult> CallbackAsync(string? code, string? state, string? error, IHttpClientFactory factory, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(error))
        {
            return Page(HttpStatusCode.BadRequest, "Sign-in cancelled", $"Google answered \"{error}\". No account was added.");
        }
        PoolAnswer<AccountView> answer;
        try
        {
            answer = await Client(factory).ExchangeOAuthCodeAsync(new OAuthExchangeRequest { Code = code, State = state }, cancellationToken);
        }
        catch (Exception ex) when (PoolCall.IsUnreachable(ex))
        {
            return Page(HttpStatusCode.ServiceUnavailable, "Account pool unreachable", "The account pool service did not answer; no account was added. Try again in a moment.");
        }
        return answer.Value is { } account
            ? Page(HttpStatusCode.OK, "Account added", $"{account.Email ?? account.Label ?? account.Id} is now in the pool.")
            : Page(answer.StatusCode, "Sign-in failed", answer.Error?.Error ?? "The account could not be added.");
    }

    private static async Task<IResult> CallAsync<T>(IHttpClientFactory factory, Func<AccountPoolClient, Task<PoolAnswer<T>>> call, JsonTypeInfo<T> typeInfo)
    {
        var outcome = await PoolCall.RunAsync(factory, call, CancellationToken.None);
        if (!outcome.IsSuccess)
        {
            return Error(outcome.Status, outcome.Error!, outcome.Field);
        }
        return outcome.Status == HttpStatusCode.NoContent || outcome.Value is null
            ? Results.StatusCode((int)outcome.Status)
            : Results.Json(outcome.Value, typeInfo, statusCode: (int)outcome.Status);
    }

    private static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken) where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Error(HttpStatusCode.UnsupportedMediaType, "Content-Type must be application/json.", null));
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, typeInfo, cancellationToken);
            return value is null ? (null, Error(HttpStatusCode.BadRequest, "The body must be a JSON object.", null)) : (value, null);
        }
        catch (JsonException ex)
        {
            var field = ex.Path?.TrimStart('$', '.');
            return (null, string.IsNullOrEmpty(field)
                ? Error(HttpStatusCode.BadRequest, "The body is not valid JSON.", null)
                : Error(HttpStatusCode.BadRequest, $"{field} has the wrong type or is malformed.", field));
        }
    }

    /// <summary>A client of the account pool service over the dashboard's named HttpClient.</summary>
    internal static AccountPoolClient Client(IHttpClientFactory factory)
    {
        var http = factory.CreateClient(PoolClientName);
        http.BaseAddress = AccountPoolClient.BaseAddress;
        return new AccountPoolClient(http);
    }

    /// <summary>Where Google sends the browser back after sign-in: this dashboard's <c>/auth/callback</c>.</summary>
    internal static string CallbackUri(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/auth/callback";

    private static IResult Error(HttpStatusCode status, string message, string? field) =>
        Results.Json(ApiErrors.Of(message, field), DashboardJsonContext.Default.ApiErrorResponse, statusCode: (int)status);

    private static IResult Page(HttpStatusCode status, string title, string message)
    {
        var html = $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>{HtmlEncoder.Default.Encode(title)}</title></head>
            <body><main><h1>{HtmlEncoder.Default.Encode(title)}</h1><p>{HtmlEncoder.Default.Encode(message)}</p><p><a href="/">Back to the dashboard</a></p></main></body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: (int)status);
    }
}
