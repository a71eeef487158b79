using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Antigravity.Contracts.Settings;

/// <summary>
/// Keeps the current <see cref="ProxySettings"/> in memory for the hot path. It loads (and on first
/// start creates) them, then follows changes through pub/sub, with a once-a-second revision check as a
/// safety net for messages missed while Redis was unreachable. Reading <see cref="Current"/> costs nothing.
/// </summary>
public sealed partial class ProxySettingsMonitor(
    ProxySettingsStore store,
    IConnectionMultiplexer redis,
    IOptions<ProxyHostOptions> hostOptions,
    ILogger<ProxySettingsMonitor> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _refreshGate = new(1, 1);
    private volatile ProxySettings? _current;
    private volatile string? _lastError;

    /// <summary>The settings last seen, or null until they are first loaded.</summary>
    public ProxySettings? Current => _current;

    /// <summary>True once the settings have been loaded at least once.</summary>
    public bool IsLoaded => _current is not null;

    /// <summary>Why the last refresh failed (no secrets), or null when it succeeded.</summary>
    public string? LastError => _lastError;

    /// <summary>Raised after <see cref="Current"/> changed (new revision).</summary>
    public event Action<ProxySettings>? Changed;

    /// <summary>Completes when the settings are first loaded.</summary>
    public Task WaitUntilLoadedAsync(CancellationToken cancellationToken = default) => _loaded.Task.WaitAsync(cancellationToken);

    /// <summary>Reloads now (e.g. right after this process changed them).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        // Serialized so that a slow read can never overwrite a newer one that finished first.
        await _refreshGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ProxySettings settings;
            try
            {
                settings = await store.GetAsync(cancellationToken).ConfigureAwait(false)
                    ?? await store.EnsureInitializedAsync(hostOptions.Value.ApiKey, cancellationToken).ConfigureAwait(false);
                if (settings.ApiKey.NeedsProtection)
                {
                    settings = await ProtectLegacyApiKeyAsync(settings, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is RedisException or RedisTimeoutException or System.Text.Json.JsonException or InvalidOperationException)
            {
                _lastError = ex is System.Text.Json.JsonException or InvalidOperationException
                    ? "the stored settings document is invalid: " + ex.Message
                    : ex.Message;
                throw;
            }
            _lastError = null;
            Apply(settings);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        ChannelMessageQueue? subscription = null;
        try
        {
            using var timer = new PeriodicTimer(PollInterval);
            do
            {
                try
                {
                    if (subscription is null)
                    {
                        subscription = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.SettingsChangedChannel)).ConfigureAwait(false);
                        subscription.OnMessage(_ => RefreshQuietlyAsync(stoppingToken));
                    }
                    await RefreshAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is RedisException or RedisTimeoutException or System.Text.Json.JsonException or InvalidOperationException)
                {
                    Log.RefreshFailed(logger, ex.Message);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            if (subscription is not null)
            {
                await subscription.UnsubscribeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task RefreshQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or RedisTimeoutException or OperationCanceledException
            or System.Text.Json.JsonException or InvalidOperationException)
        {
            Log.RefreshFailed(logger, ex.Message);
        }
    }

    // A document from an earlier version holds the key in clear: the first service to read it stores it encrypted.
    // Until that succeeds the key still works (its hash is computed on reading).
    private async Task<ProxySettings> ProtectLegacyApiKeyAsync(ProxySettings settings, CancellationToken cancellationToken)
    {
        try
        {
            var protectedSettings = await store.ProtectLegacyApiKeyAsync(cancellationToken).ConfigureAwait(false) ?? settings;
            Log.LegacyApiKeyProtected(logger, RedisKeys.ProxySettings);
            return protectedSettings;
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            Log.LegacyApiKeyNotProtected(logger, ex.Message);
            return settings;
        }
    }

    private void Apply(ProxySettings settings)
    {
        var previous = _current;
        // Compared for equality, not order: a Redis that lost its data starts again at revision 1.
        if (previous is not null && previous.Revision == settings.Revision && previous.UpdatedAt == settings.UpdatedAt)
        {
            return;
        }
        _current = settings;
        _loaded.TrySetResult();
        if (previous is not null)
        {
            Log.SettingsChanged(logger, settings.Revision, settings.AuthMode.ToWire(), settings.Enabled);
        }
        Changed?.Invoke(settings);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Proxy settings changed: revision {Revision}, auth mode {AuthMode}, enabled {Enabled}.")]
        public static partial void SettingsChanged(ILogger logger, long revision, string authMode, bool enabled);

        [LoggerMessage(2, LogLevel.Warning, "Could not refresh the proxy settings from Redis: {Reason}")]
        public static partial void RefreshFailed(ILogger logger, string reason);

        [LoggerMessage(3, LogLevel.Information, "The proxy API key that an earlier version stored in clear at {Key} is now stored as a hash and an encrypted copy.")]
        public static partial void LegacyApiKeyProtected(ILogger logger, string key);

        [LoggerMessage(4, LogLevel.Warning, "The proxy API key is still stored in clear (from an earlier version) and could not be encrypted: {Reason}")]
        public static partial void LegacyApiKeyNotProtected(ILogger logger, string reason);
    }
}
