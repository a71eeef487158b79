using System.Text.Json;
using Antigravity.AccountPool.Accounts;
using Antigravity.Contracts.Accounts;

namespace Antigravity.AccountPool.Endpoints;

/// <summary>Account administration, called by the dashboard (which guards it with the admin password).</summary>
internal static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/internal/accounts").RequireInternalCaller();
        group.MapGet("/", ListAsync);
        group.MapPost("/", AddAsync);
        group.MapGet("/export", ExportAsync);
        group.MapPost("/import", ImportAsync);
        group.MapGet("/{id}", GetAsync);
        group.MapPatch("/{id}", UpdateAsync);
        group.MapDelete("/{id}", DeleteAsync);
        group.MapPost("/{id}/refresh", RefreshAsync);
        return group;
    }

    private static async Task<IResult> ListAsync(AccountService accounts, CancellationToken cancellationToken) =>
        Results.Json(await accounts.ListAsync(cancellationToken).ConfigureAwait(false), PoolJsonContext.Default.IReadOnlyListAccountView);

    private static async Task<IResult> GetAsync(string id, AccountService accounts, CancellationToken cancellationToken) =>
        JsonBody.From(await accounts.GetAsync(id, cancellationToken).ConfigureAwait(false), PoolJsonContext.Default.AccountView);

    private static async Task<IResult> AddAsync(HttpRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync(request, PoolJsonContext.Default.AddAccountRequest, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            return error!;
        }
        var result = await accounts.AddAsync(body, cancellationToken).ConfigureAwait(false);
        return result.Value is { } view
            ? Results.Json(view, PoolJsonContext.Default.AccountView, statusCode: StatusCodes.Status201Created)
            : JsonBody.From(result, PoolJsonContext.Default.AccountView);
    }

    private static async Task<IResult> UpdateAsync(string id, HttpRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        var (body, error) = await JsonBody.ReadAsync(request, PoolJsonContext.Default.UpdateAccountRequest, cancellationToken).ConfigureAwait(false);
        return body is null ? error! : JsonBody.From(await accounts.UpdateAsync(id, body, cancellationToken).ConfigureAwait(false), PoolJsonContext.Default.AccountView);
    }

    private static async Task<IResult> DeleteAsync(string id, AccountService accounts, CancellationToken cancellationToken) =>
        await accounts.DeleteAsync(id, cancellationToken).ConfigureAwait(false)
            ? Results.NoContent()
            : JsonBody.Problem(404, $"No account with id \"{id}\".", "id");

    private static async Task<IResult> RefreshAsync(string id, AccountService accounts, CancellationToken cancellationToken) =>
        JsonBody.From(await accounts.RefreshAsync(id, cancellationToken).ConfigureAwait(false), PoolJsonContext.Default.AccountView);

    private static async Task<IResult> ExportAsync(AccountService accounts, CancellationToken cancellationToken) =>
        Results.Json(await accounts.ExportAsync(cancellationToken).ConfigureAwait(false), PoolJsonContext.Default.AccountExport);

    private static async Task<IResult> ImportAsync(HttpRequest request, AccountService accounts, CancellationToken cancellationToken)
    {
        JsonElement body;
        try
        {
            using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken).ConfigureAwait(false);
            body = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return JsonBody.Problem(400, "The body is not valid JSON.", null);
        }
        var (parsed, error) = ImportFormats.Parse(body);
        if (parsed is null)
        {
            return Results.Json(error, PoolJsonContext.Default.FieldError, statusCode: 400);
        }
        var result = await accounts.ImportAsync(parsed.Accounts, parsed.Errors, cancellationToken).ConfigureAwait(false);
        return Results.Json(result, PoolJsonContext.Default.ImportResult);
    }
}
