using Antigravity.Contracts.Accounts;
using Antigravity.Contracts.Settings;
using Antigravity.Protocols.Models;

namespace Antigravity.Gateway.Models;

/// <summary>A model a client may ask for, as the listings show it.</summary>
/// <param name="Id">The name clients send.</param>
/// <param name="DisplayName">A readable name (the upstream's, when it gave one).</param>
/// <param name="OwnedBy">Who makes it (<c>google</c>, <c>anthropic</c>, <c>openai</c>, or the provider account's label).</param>
/// <param name="Target">For a custom mapping key, the upstream model it maps to; null for an upstream model.</param>
internal sealed record CatalogModel(string Id, string DisplayName, string OwnedBy, string? Target = null);

/// <summary>
/// The models <c>GET /v1/models</c> and <c>GET /v1beta/models</c> list: what the enabled accounts of the pool
/// really serve (their quota models and, for provider accounts, their model lists), plus the exact keys of the
/// custom model mapping. The pool's part is cached for <see cref="CacheFor"/>; when the pool cannot be asked,
/// the built-in table's targets stand in so clients still see the names that usually work.
/// </summary>
internal sealed partial class ModelCatalog(ProxySettingsMonitor settings, TimeProvider time, ILogger<ModelCatalog> logger)
{
    /// <summary>How long one answer of the pool is reused.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(10);

    private static readonly IReadOnlyList<CatalogModel> BuiltInTargets =
    [
        new(BuiltInModelTable.Sonnet, "Claude Sonnet 4.6", "anthropic"),
        new(BuiltInModelTable.SonnetThinking, "Claude Sonnet 4.6 (thinking)", "anthropic"),
        new(BuiltInModelTable.OpusThinking, "Claude Opus 4.6 (thinking)", "anthropic"),
        new(BuiltInModelTable.GptFallback, "Gemini 2.5 Flash", "google"),
    ];

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (DateTimeOffset At, IReadOnlyList<CatalogModel> Models)? _pool;

    /// <summary>Every model, sorted by id: upstream models first-come, then mapping keys not already listed.</summary>
    public async Task<IReadOnlyList<CatalogModel>> ListAsync(AccountPoolClient pool, CancellationToken cancellationToken)
    {
        var upstream = await PoolModelsAsync(pool, cancellationToken).ConfigureAwait(false);
        var byId = new Dictionary<string, CatalogModel>(StringComparer.OrdinalIgnoreCase);
        foreach (var model in upstream)
        {
            byId.TryAdd(model.Id, model);
        }
        foreach (var (key, target) in settings.Current?.ModelMapping ?? new Dictionary<string, string>())
        {
            if (!key.Contains('*', StringComparison.Ordinal) && !byId.ContainsKey(key))
            {
                var owner = byId.TryGetValue(target, out var targetModel) ? targetModel.OwnedBy : OwnerOf(target);
                byId[key] = new CatalogModel(key, $"{key} → {target}", owner, target);
            }
        }
        return [.. byId.Values.OrderBy(model => model.Id, StringComparer.Ordinal)];
    }

    /// <summary>The model named <paramref name="id"/> (case-insensitive, <c>models/</c> prefix allowed), or null.</summary>
    public async Task<CatalogModel?> FindAsync(AccountPoolClient pool, string id, CancellationToken cancellationToken)
    {
        var name = id.StartsWith("models/", StringComparison.Ordinal) ? id["models/".Length..] : id;
        foreach (var model in await ListAsync(pool, cancellationToken).ConfigureAwait(false))
        {
            if (string.Equals(model.Id, name, StringComparison.OrdinalIgnoreCase))
            {
                return model;
            }
        }
        return null;
    }

    private async Task<IReadOnlyList<CatalogModel>> PoolModelsAsync(AccountPoolClient pool, CancellationToken cancellationToken)
    {
        if (_pool is { } cached && time.GetUtcNow() - cached.At < CacheFor)
        {
            return cached.Models;
        }
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_pool is { } fresh && time.GetUtcNow() - fresh.At < CacheFor)
            {
                return fresh.Models;
            }
            PoolAnswer<IReadOnlyList<AccountView>> answer;
            try
            {
                answer = await pool.ListAccountsAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Log.PoolUnavailable(logger, exception.Message);
                return BuiltInTargets;
            }
            if (!answer.IsSuccess || answer.Value is null)
            {
                Log.PoolUnavailable(logger, $"the pool answered {(int)answer.StatusCode}");
                return BuiltInTargets;
            }
            var models = FromAccounts(answer.Value);
            _pool = (time.GetUtcNow(), models);
            return models;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>The union of what enabled accounts serve.</summary>
    internal static IReadOnlyList<CatalogModel> FromAccounts(IEnumerable<AccountView> accounts)
    {
        var byId = new Dictionary<string, CatalogModel>(StringComparer.OrdinalIgnoreCase);
        foreach (var account in accounts)
        {
            if (!account.Enabled)
            {
                continue;
            }
            var provider = account.Kind is AccountKinds.AnthropicCompatible or AccountKinds.OpenAiCompatible;
            foreach (var quota in account.Quota)
            {
                byId.TryAdd(quota.Model, new CatalogModel(quota.Model, quota.DisplayName ?? quota.Model, OwnerOf(quota.Model)));
            }
            foreach (var model in account.Models)
            {
                byId.TryAdd(model, new CatalogModel(model, model, provider ? account.Label ?? account.Kind : OwnerOf(model)));
            }
            foreach (var key in account.ModelMapping.Keys)
            {
                if (!key.Contains('*', StringComparison.Ordinal))
                {
                    byId.TryAdd(key, new CatalogModel(key, key, provider ? account.Label ?? account.Kind : OwnerOf(key)));
                }
            }
        }
        return [.. byId.Values];
    }

    private static string OwnerOf(string model) =>
        model.StartsWith("claude", StringComparison.OrdinalIgnoreCase) ? "anthropic"
        : model.StartsWith("gemini", StringComparison.OrdinalIgnoreCase) || model.StartsWith("gemma", StringComparison.OrdinalIgnoreCase) ? "google"
        : model.StartsWith("gpt", StringComparison.OrdinalIgnoreCase) || model.StartsWith("o", StringComparison.OrdinalIgnoreCase) && model.Length > 1 && char.IsDigit(model[1]) ? "openai"
        : "antigravity";

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Warning, Message = "Model listing without the pool's models: {Reason}")]
        public static partial void PoolUnavailable(ILogger logger, string reason);
    }
}
