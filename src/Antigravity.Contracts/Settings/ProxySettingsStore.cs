using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Antigravity.Contracts.Redis;
using StackExchange.Redis;

namespace Antigravity.Contracts.Settings;

/// <summary>
/// Reads and changes the proxy settings document in Redis. A change is a compare-and-set (so two
/// dashboards editing at once never lose an update) followed by a publish on
/// <see cref="RedisKeys.SettingsChangedChannel"/> so every replica picks it up at once. The API key is
/// encrypted (<see cref="ProxyApiKeyProtector"/>) on every write, so the document never holds it in clear.
/// </summary>
public sealed class ProxySettingsStore(IConnectionMultiplexer redis, RedisDurability durability, TimeProvider time, ProxyApiKeyProtector apiKeys)
{
    private const int MaxAttempts = 16;

    // Replaces the document only if it still holds what the caller read ('' stands for "absent").
    private const string CompareAndSet = """
        local current = redis.call('GET', KEYS[1])
        if (current == false and ARGV[1] == '') or current == ARGV[1] then
          redis.call('SET', KEYS[1], ARGV[2])
          return 1
        end
        return 0
        """;

    /// <summary>
    /// Creates the document on first start (API key from <paramref name="presetApiKey"/> or generated)
    /// and returns what is stored. Safe to call from every service and replica at once.
    /// </summary>
    public async Task<ProxySettings> EnsureInitializedAsync(string? presetApiKey, CancellationToken cancellationToken = default)
    {
        var initial = new ProxySettings
        {
            ApiKey = apiKeys.Protect(string.IsNullOrEmpty(presetApiKey) ? ApiKeys.Generate() : presetApiKey),
            Revision = 1,
            UpdatedAt = time.GetUtcNow(),
        };
        if (await redis.GetDatabase().StringSetAsync(RedisKeys.ProxySettings, Serialize(initial), null, When.NotExists).ConfigureAwait(false))
        {
            // The generated API key is printed and handed to clients: it must outlive a crash of Redis.
            await durability.ConfirmAsync(cancellationToken).ConfigureAwait(false);
        }
        return await GetAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("The proxy settings vanished right after they were initialized.");
    }

    private volatile ParsedDocument? _lastRead;

    private sealed record ParsedDocument(string Json, ProxySettings Settings);

    /// <summary>
    /// The stored settings, or null when they were never initialized. A document identical to the one read last is
    /// not parsed again (the monitors' once-a-second safety check reads it).
    /// </summary>
    public async Task<ProxySettings?> GetAsync(CancellationToken cancellationToken = default)
    {
        var json = (string?)await redis.GetDatabase().StringGetAsync(RedisKeys.ProxySettings).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return null;
        }
        if (_lastRead is { } last && last.Json == json)
        {
            return last.Settings;
        }
        var settings = Parse(json);
        _lastRead = new ParsedDocument(json, settings);
        return settings;
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current settings atomically, bumps the revision,
    /// announces it, and returns the new settings.
    /// </summary>
    public async Task<ProxySettings> UpdateAsync(Func<ProxySettings, ProxySettings> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return await UpdateCoreAsync(change, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Encrypts an API key that a document written by an earlier version holds in clear, once (whichever
    /// service sees it first); returns the settings as stored afterwards, or null when there is no document.
    /// </summary>
    public async Task<ProxySettings?> ProtectLegacyApiKeyAsync(CancellationToken cancellationToken = default)
    {
        var current = await GetAsync(cancellationToken).ConfigureAwait(false);
        if (current is null || !current.ApiKey.NeedsProtection)
        {
            return current;
        }
        return await UpdateCoreAsync(settings => settings.ApiKey.NeedsProtection ? settings with { } : null, cancellationToken).ConfigureAwait(false);
    }

    // A change that returns null leaves the document as it is.
    private async Task<ProxySettings> UpdateCoreAsync(Func<ProxySettings, ProxySettings?> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var database = redis.GetDatabase();
            var currentJson = (string?)await database.StringGetAsync(RedisKeys.ProxySettings).ConfigureAwait(false);
            var current = currentJson is null ? new ProxySettings { ApiKey = ProxyApiKey.FromPlaintext(ApiKeys.Generate()) } : Parse(currentJson);
            if (change(current) is not { } changed)
            {
                return current;
            }
            var next = changed with { ApiKey = apiKeys.Seal(changed.ApiKey), Revision = current.Revision + 1, UpdatedAt = time.GetUtcNow() };
            var result = await database.ScriptEvaluateAsync(
                CompareAndSet,
                [RedisKeys.ProxySettings],
                [currentJson ?? "", Serialize(next)]).ConfigureAwait(false);
            if ((long)result == 1)
            {
                await durability.ConfirmAsync(cancellationToken).ConfigureAwait(false);
                await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(RedisKeys.SettingsChangedChannel), next.Revision.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
                return next;
            }
        }
        throw new InvalidOperationException($"The proxy settings changed {MaxAttempts} times while this update was being applied; try again.");
    }

    private static string Serialize(ProxySettings settings) => JsonSerializer.Serialize(settings, SettingsJsonContext.Default.ProxySettings);

    private static readonly string DefaultsJson = Serialize(new ProxySettings());

    /// <summary>The API key in clear, for the dashboard to show; null when none is set or it cannot be decrypted.</summary>
    public string? RevealApiKey(ProxySettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return apiKeys.Reveal(settings.ApiKey);
    }

    /// <summary>
    /// Reads a stored settings document. A document written by an earlier version lacks the fields added since;
    /// the serializer would set those init-only properties to null or zero rather than their defaults, so the
    /// document is laid over today's defaults first and every missing field reads as its default.
    /// </summary>
    public static ProxySettings Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var stored = JsonNode.Parse(json) as JsonObject
            ?? throw new InvalidOperationException("The stored proxy settings are not a JSON object.");
        var merged = JsonNode.Parse(DefaultsJson)!.AsObject();
        Overlay(merged, stored);
        return merged.Deserialize(SettingsJsonContext.Default.ProxySettings)
            ?? throw new InvalidOperationException("The stored proxy settings are 'null'.");
    }

    private static void Overlay(JsonObject target, JsonObject source)
    {
        foreach (var (name, value) in source.ToList())
        {
            if (value is JsonObject section && target[name] is JsonObject defaults && !IsMap(name))
            {
                Overlay(defaults, section);
            }
            else if (value is not null || target[name] is not JsonObject)
            {
                // A null where a section belongs keeps the default section.
                target[name] = value?.DeepClone();
            }
        }
    }

    // Maps are replaced whole: their keys are data, not fields.
    private static bool IsMap(string name) => name == "modelMapping";
}
