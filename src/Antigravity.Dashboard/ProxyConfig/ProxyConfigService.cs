using Antigravity.Contracts.Redis;
using Antigravity.Contracts.Settings;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Antigravity.Dashboard.ProxyConfig;

/// <summary>
/// Reads and changes the proxy configuration for the admin API and the UI alike. Every change goes
/// through <see cref="ProxySettingsStore.UpdateAsync"/> (compare-and-set + publish), so every gateway
/// replica follows within a second.
/// </summary>
internal sealed partial class ProxyConfigService(
    ProxySettingsStore store,
    ProxySettingsMonitor monitor,
    IOptions<ProxyHostOptions> hostOptions,
    IHttpClientFactory httpClientFactory,
    ILogger<ProxyConfigService> logger)
{
    public ProxyHostOptions Host => hostOptions.Value;

    /// <summary>The stored settings (created on first use).</summary>
    public async Task<ProxySettings> GetSettingsAsync(CancellationToken cancellationToken) =>
        await store.GetAsync(cancellationToken).ConfigureAwait(false)
        ?? await store.EnsureInitializedAsync(Host.ApiKey, cancellationToken).ConfigureAwait(false);

    public async Task<ProxyConfigResponse> GetAsync(CancellationToken cancellationToken) =>
        Describe(await GetSettingsAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>
    /// Applies a validated change and returns the new configuration. Starting the proxy is refused with
    /// <see cref="ProxyStartRefusedException"/> while the pool has no account that could serve.
    /// </summary>
    public async Task<ProxyConfigResponse> ApplyAsync(ProxyConfigChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var current = await GetSettingsAsync(cancellationToken).ConfigureAwait(false);
        if (change.Enabled == true && !current.Enabled)
        {
            await EnsureCanStartAsync(cancellationToken).ConfigureAwait(false);
        }
        var updated = await store.UpdateAsync(change.ApplyTo, cancellationToken).ConfigureAwait(false);
        Log.Changed(logger, updated.Revision, updated.AuthMode.ToWire(), change.ApiKey is not null, updated.Enabled);
        await RefreshMonitorAsync(cancellationToken).ConfigureAwait(false);
        return Describe(updated);
    }

    /// <summary>
    /// Refuses a start while no account could serve: the pool is empty, or every account is disabled or has
    /// lost its credentials. A cooling or quota-limited account counts (it comes back by itself); so does an
    /// Anthropic- or OpenAI-compatible provider account, the seed's z.ai exception.
    /// </summary>
    private async Task EnsureCanStartAsync(CancellationToken cancellationToken)
    {
        var answer = await Endpoints.AccountsApi.Client(httpClientFactory).ListAccountsAsync(cancellationToken).ConfigureAwait(false);
        if (!answer.IsSuccess || answer.Value is null)
        {
            throw new HttpRequestException($"The account pool answered {(int)answer.StatusCode}.");
        }
        if (!answer.Value.Any(IsUsable))
        {
            throw new ProxyStartRefusedException(NoAccountsMessage);
        }
    }

    /// <summary>The reference's words when starting with nothing to serve.</summary>
    public const string NoAccountsMessage = "No available accounts, please add an account first";

    private static bool IsUsable(Antigravity.Contracts.Accounts.AccountView account) =>
        account.Enabled && account.State.Status is not (Antigravity.Contracts.Accounts.AccountStates.Disabled
            or Antigravity.Contracts.Accounts.AccountStates.InvalidGrant or Antigravity.Contracts.Accounts.AccountStates.Forbidden);

    /// <summary>Replaces the API key with a fresh one and returns it.</summary>
    public async Task<string> RegenerateApiKeyAsync(CancellationToken cancellationToken)
    {
        var key = ApiKeys.Generate();
        await ApplyAsync(new ProxyConfigChange(ApiKey: key), cancellationToken).ConfigureAwait(false);
        return key;
    }

    public ProxyStatusResponse DescribeStatus(ProxySettings settings) => new()
    {
        Status = settings.Enabled ? "running" : "stopped",
        Enabled = settings.Enabled,
        Port = Host.Port,
        AllowLanAccess = Host.AllowLanAccess,
        BindAddress = Host.BindAddress,
        EffectiveAuthMode = settings.AuthMode.Effective(Host.AllowLanAccess).ToWire(),
        BaseUrls = GatewayBaseUrls.For("127.0.0.1", Host.Port),
    };

    public ProxyConfigResponse Describe(ProxySettings settings) => new()
    {
        Port = Host.Port,
        AllowLanAccess = Host.AllowLanAccess,
        AuthMode = settings.AuthMode.ToWire(),
        EffectiveAuthMode = settings.AuthMode.Effective(Host.AllowLanAccess).ToWire(),
        EffectiveAuthModeExplanation = settings.AuthMode.Explain(Host.AllowLanAccess),
        // The one place the key is decrypted: the user copies it from here into their clients.
        ApiKey = store.RevealApiKey(settings) ?? "",
        Enabled = settings.Enabled,
        ModelMapping = settings.ModelMapping,
        AnthropicDispatch = settings.AnthropicDispatch,
        Scheduling = settings.Scheduling,
        Monitor = settings.Monitor,
        Revision = settings.Revision,
        UpdatedAt = settings.UpdatedAt,
    };

    // The UI of this replica reads the monitor; refreshing it now shows the change without waiting for pub/sub.
    private async Task RefreshMonitorAsync(CancellationToken cancellationToken)
    {
        try
        {
            await monitor.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex.IsRedisOutage() || ex is RedisServerException)
        {
            // The change is stored and announced; the monitor catches up on its next tick.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Proxy settings changed by the admin: revision {Revision}, auth mode {AuthMode}, API key replaced {ApiKeyReplaced}, enabled {Enabled}.")]
        public static partial void Changed(ILogger logger, long revision, string authMode, bool apiKeyReplaced, bool enabled);
    }
}

/// <summary>The proxy cannot start: no account could serve a request.</summary>
internal sealed class ProxyStartRefusedException(string message) : InvalidOperationException(message);
