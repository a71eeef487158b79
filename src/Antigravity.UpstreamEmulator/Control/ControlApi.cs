using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Antigravity.UpstreamEmulator.Faults;
using Antigravity.UpstreamEmulator.Generation;
using Antigravity.UpstreamEmulator.Logging;
using Antigravity.UpstreamEmulator.State;
using Microsoft.Extensions.Options;

namespace Antigravity.UpstreamEmulator.Control;

/// <summary>The emulator's own JSON API under <c>/_emulator</c>: inspect and change state, script behaviours, read the request log.</summary>
internal static class ControlApi
{
    public static RouteGroupBuilder MapControlApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/_emulator").WithTags("Emulator control");
        group.MapGet("/state", GetState);
        group.MapPost("/reset", Reset);
        group.MapPost("/accounts", AddAccountAsync);
        group.MapPatch("/accounts", UpdateAccountAsync);
        group.MapPost("/accounts/revoke", (HttpContext c, EmulatorState s, IOptions<EmulatorOptions> o) => SetRevokedAsync(c, s, o, true));
        group.MapPost("/accounts/restore", (HttpContext c, EmulatorState s, IOptions<EmulatorOptions> o) => SetRevokedAsync(c, s, o, false));
        group.MapPost("/accounts/remove", RemoveAccountAsync);
        group.MapPost("/accounts/expire-tokens", ExpireTokensAsync);
        group.MapPut("/quota", SetQuotaAsync);
        group.MapPost("/keys", AddKeyAsync);
        group.MapPost("/keys/remove", RemoveKeyAsync);
        group.MapGet("/behaviours", ListBehaviours);
        group.MapPost("/behaviours", AddBehaviourAsync);
        group.MapDelete("/behaviours", ClearBehaviours);
        group.MapDelete("/behaviours/{id}", RemoveBehaviour);
        group.MapGet("/requests", ListRequests);
        group.MapDelete("/requests", ClearRequests);
        group.MapScriptEndpoints();
        return group;
    }

    private static IResult Json<T>(T value, JsonTypeInfo<T> type, int status = 200) =>
        Results.Json(value, type, statusCode: status);

    internal static IResult Error(int status, string message) =>
        Results.Json(new ControlError(message), ControlJsonContext.Default.ControlError, statusCode: status);

    internal static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> type) where T : class
    {
        try
        {
            var value = await JsonSerializer.DeserializeAsync(context.Request.Body, type, context.RequestAborted);
            return value is null ? (null, Error(400, "The body must be a JSON object.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, Error(400, "The body is not valid JSON for this call: " + ex.Message));
        }
    }

    private static IResult GetState(EmulatorState state, IOptions<EmulatorOptions> options)
    {
        var view = new StateView(
            new OAuthClientView(options.Value.ClientId, options.Value.ClientSecret),
            [.. state.Accounts.Select(a => ControlViews.Account(a, state, options.Value))],
            [.. state.Keys.Select(k => new KeyView(k.Id, k.Kind.Name(), k.Key))],
            [.. state.Rules.Select(ControlViews.Behaviour)],
            ControlViews.Paths);
        return Json(view, ControlJsonContext.Default.StateView);
    }

    private static IResult Reset(EmulatorState state, RequestLog log, ReplyScript script)
    {
        state.Reset();
        script.Clear();
        log.Clear();
        return Json(new ControlOk(true), ControlJsonContext.Default.ControlOk);
    }

    private static async Task<IResult> AddAccountAsync(HttpContext context, EmulatorState state, IOptions<EmulatorOptions> options)
    {
        var (request, error) = await ReadAsync(context, ControlJsonContext.Default.AccountRequest);
        if (request is null)
        {
            return error!;
        }
        if (string.IsNullOrWhiteSpace(request.Email) || !request.Email.Contains('@', StringComparison.Ordinal))
        {
            return Error(400, "'email' is required and must be an email address.");
        }
        var tier = AccountTier.Pro;
        if (request.Tier is not null && !AccountTiers.TryParse(request.Tier, out tier))
        {
            return Error(400, "'tier' must be one of: free, pro, ultra.");
        }
        if (request.AccessTokenTtlSeconds is < 1 or > 86_400)
        {
            return Error(400, "'accessTokenTtlSeconds' must be between 1 and 86400.");
        }
        var project = request.NoProject ? null : request.ProjectId ?? "emulator-project-" + request.Email.Split('@')[0].Replace('.', '-');
        var account = state.AddAccount(request.Email.Trim(), request.Name, request.RefreshToken, project, tier, request.AccessTokenTtlSeconds);
        return account is null
            ? Error(409, "An account with this email or refresh token already exists.")
            : Json(ControlViews.Account(account, state, options.Value), ControlJsonContext.Default.AccountView, 201);
    }

    private static async Task<IResult> UpdateAccountAsync(HttpContext context, EmulatorState state, IOptions<EmulatorOptions> options)
    {
        var (request, error) = await ReadAsync(context, ControlJsonContext.Default.AccountUpdateRequest);
        if (request is null)
        {
            return error!;
        }
        if (string.IsNullOrWhiteSpace(request.Target))
        {
            return Error(400, "'target' (refresh token or email) is required.");
        }
        var tier = AccountTier.Free;
        if (request.Tier is not null && !AccountTiers.TryParse(request.Tier, out tier))
        {
            return Error(400, "'tier' must be one of: free, pro, ultra.");
        }
        if (request.AccessTokenTtlSeconds is < 1 or > 86_400)
        {
            return Error(400, "'accessTokenTtlSeconds' must be between 1 and 86400.");
        }
        var account = state.UpdateAccount(request.Target, a =>
        {
            if (request.Tier is not null)
            {
                a.Tier = tier;
            }
            if (request.ProjectId is not null)
            {
                a.ProjectId = request.ProjectId.Length == 0 ? null : request.ProjectId;
            }
            if (request.AccessTokenTtlSeconds is int ttl)
            {
                a.AccessTokenTtlSeconds = ttl;
            }
        });
        return account is null
            ? Error(404, $"No account with refresh token or email '{request.Target}'.")
            : Json(ControlViews.Account(account, state, options.Value), ControlJsonContext.Default.AccountView);
    }

    private static async Task<(GoogleAccount? Account, IResult? Error)> ReadTargetAccountAsync(HttpContext context, EmulatorState state)
    {
        var (request, error) = await ReadAsync(context, ControlJsonContext.Default.TargetRequest);
        if (request is null)
        {
            return (null, error);
        }
        if (string.IsNullOrWhiteSpace(request.Target))
        {
            return (null, Error(400, "'target' (refresh token or email) is required."));
        }
        var account = state.FindAccount(request.Target);
        return account is null ? (null, Error(404, $"No account with refresh token or email '{request.Target}'.")) : (account, null);
    }

    private static async Task<IResult> SetRevokedAsync(HttpContext context, EmulatorState state, IOptions<EmulatorOptions> options, bool revoked)
    {
        var (account, error) = await ReadTargetAccountAsync(context, state);
        if (account is null)
        {
            return error!;
        }
        state.SetRevoked(account.RefreshToken, revoked);
        return Json(ControlViews.Account(account, state, options.Value), ControlJsonContext.Default.AccountView);
    }

    private static async Task<IResult> RemoveAccountAsync(HttpContext context, EmulatorState state)
    {
        var (account, error) = await ReadTargetAccountAsync(context, state);
        if (account is null)
        {
            return error!;
        }
        state.RemoveAccount(account.RefreshToken);
        return Json(new ControlOk(true), ControlJsonContext.Default.ControlOk);
    }

    private static async Task<IResult> ExpireTokensAsync(HttpContext context, EmulatorState state)
    {
        var (account, error) = await ReadTargetAccountAsync(context, state);
        if (account is null)
        {
            return error!;
        }
        return Json(new ControlOk(true, state.ExpireAccessTokens(account)), ControlJsonContext.Default.ControlOk);
    }

    private static async Task<IResult> SetQuotaAsync(HttpContext context, EmulatorState state, IOptions<EmulatorOptions> options)
    {
        var (request, error) = await ReadAsync(context, ControlJsonContext.Default.QuotaRequest);
        if (request is null)
        {
            return error!;
        }
        if (string.IsNullOrWhiteSpace(request.Target) || string.IsNullOrWhiteSpace(request.Model))
        {
            return Error(400, "'target' (refresh token or email) and 'model' are required.");
        }
        if (request.RemainingFraction is not (>= 0 and <= 1))
        {
            return Error(400, "'remainingFraction' is required and must be between 0 and 1.");
        }
        DateTimeOffset? reset = request.ResetTime;
        if (request.ResetIn is not null)
        {
            if (!DurationText.TryParse(request.ResetIn, out var delay))
            {
                return Error(400, "'resetIn' must be a duration like \"3600s\" or \"1h30m\".");
            }
            reset = state.Now.Add(delay);
        }
        var account = state.FindAccount(request.Target);
        if (account is null)
        {
            return Error(404, $"No account with refresh token or email '{request.Target}'.");
        }
        state.SetQuota(account, request.Model, request.RemainingFraction.Value, reset);
        return Json(ControlViews.Account(account, state, options.Value), ControlJsonContext.Default.AccountView);
    }

    private static async Task<IResult> AddKeyAsync(HttpContext context, EmulatorState state)
    {
        var (request, error) = await ReadAsync(context, ControlJsonContext.Default.KeyRequest);
        if (request is null)
        {
            return error!;
        }
        if (!ApiKeyKinds.TryParse(request.Kind, out var kind))
        {
            return Error(400, "'kind' must be one of: gemini, anthropic, openai.");
        }
        if (string.IsNullOrWhiteSpace(request.Key))
        {
            return Error(400, "'key' is required.");
        }
        return state.AddKey(request.Key, kind) && state.FindKey(request.Key, kind) is { } added
            ? Json(new KeyView(added.Id, kind.Name(), added.Key), ControlJsonContext.Default.KeyView, 201)
            : Error(409, "This key already exists.");
    }

    private static async Task<IResult> RemoveKeyAsync(HttpContext context, EmulatorState state)
    {
        var (request, error) = await ReadAsync(context, ControlJsonContext.Default.TargetRequest);
        if (request is null)
        {
            return error!;
        }
        return !string.IsNullOrEmpty(request.Target) && state.RemoveKey(request.Target)
            ? Json(new ControlOk(true), ControlJsonContext.Default.ControlOk)
            : Error(404, "No such key.");
    }

    private static IResult ListBehaviours(EmulatorState state) =>
        Json<IReadOnlyList<BehaviourView>>([.. state.Rules.Select(ControlViews.Behaviour)], ControlJsonContext.Default.IReadOnlyListBehaviourView);

    private static async Task<IResult> AddBehaviourAsync(HttpContext context, EmulatorState state)
    {
        var (request, error) = await ReadAsync(context, ControlJsonContext.Default.BehaviourRequest);
        if (request is null)
        {
            return error!;
        }
        if (BehaviourValidation.Check(request) is { } problem)
        {
            return Error(400, problem);
        }
        var rule = state.AddRule(id => new BehaviourRule
        {
            Id = id,
            Target = string.IsNullOrWhiteSpace(request.Target) ? "*" : request.Target.Trim(),
            Model = string.IsNullOrWhiteSpace(request.Model) ? "*" : request.Model.Trim(),
            Action = request.Action!,
            Scope = request.Scope ?? BehaviourScopes.Generation,
            Times = request.Times,
            Status = request.Status,
            RetryAfterSeconds = request.RetryAfter,
            QuotaResetDelay = request.QuotaResetDelay,
            RetryDelay = request.RetryDelay,
            DelayMs = request.DelayMs,
            AfterEvents = request.AfterEvents,
            Message = request.Message,
            ValidationUrl = request.ValidationUrl,
        });
        return Json(ControlViews.Behaviour(rule), ControlJsonContext.Default.BehaviourView, 201);
    }

    private static IResult ClearBehaviours(EmulatorState state) =>
        Json(new ControlOk(true, state.ClearRules()), ControlJsonContext.Default.ControlOk);

    private static IResult RemoveBehaviour(string id, EmulatorState state) =>
        state.RemoveRule(id) ? Json(new ControlOk(true), ControlJsonContext.Default.ControlOk) : Error(404, $"No behaviour '{id}'.");

    private static IResult ListRequests(RequestLog log, int? limit, string? path, long? after)
    {
        var entries = log.Recent(Math.Clamp(limit ?? 100, 1, 10_000), string.IsNullOrEmpty(path) ? null : path, after ?? 0);
        return Json(entries, ControlJsonContext.Default.IReadOnlyListRequestLogEntry);
    }

    private static IResult ClearRequests(RequestLog log)
    {
        log.Clear();
        return Json(new ControlOk(true), ControlJsonContext.Default.ControlOk);
    }
}
