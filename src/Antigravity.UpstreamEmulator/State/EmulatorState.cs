using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Antigravity.UpstreamEmulator.State;

/// <summary>
/// Everything the emulator remembers: Google accounts, issued tokens and codes, API keys, quotas and scripted
/// behaviours. One lock guards it all; every critical section is a few dictionary operations.
/// </summary>
internal sealed partial class EmulatorState
{
    private static readonly TimeSpan s_quotaWindow = TimeSpan.FromHours(5);
    private static readonly TimeSpan s_codeLifetime = TimeSpan.FromMinutes(10);

    private readonly Lock _gate = new();
    private readonly EmulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly List<GoogleAccount> _accounts = [];
    private readonly Dictionary<string, IssuedAccessToken> _accessTokens = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RegisteredKey> _keys = new(StringComparer.Ordinal);
    private readonly List<BehaviourRule> _rules = [];
    private long _nextAccountNumber = 1;
    private long _nextRuleNumber = 1;

    public EmulatorState(IOptions<EmulatorOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        Reset();
    }

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Forgets everything and, unless seeding is off, loads the default accounts and keys.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _accounts.Clear();
            _accessTokens.Clear();
            _codes.Clear();
            _keys.Clear();
            _rules.Clear();
            _nextAccountNumber = 1;
            _nextRuleNumber = 1;
            if (_options.Seed)
            {
                foreach (var seed in EmulatorSeed.Accounts)
                {
                    AddAccountLocked(seed.Email, seed.Name, seed.RefreshToken, seed.ProjectId, seed.Tier, null);
                }
                foreach (var (key, kind) in EmulatorSeed.ApiKeys)
                {
                    AddKeyLocked(key, kind);
                }
            }
        }
    }

    // ---- accounts ----

    public GoogleAccount? AddAccount(string email, string? name, string? refreshToken, string? projectId, AccountTier tier, int? accessTokenTtlSeconds)
    {
        lock (_gate)
        {
            if (_accounts.Any(a => string.Equals(a.Email, email, StringComparison.OrdinalIgnoreCase)
                || (refreshToken is not null && a.RefreshToken == refreshToken)))
            {
                return null;
            }
            return AddAccountLocked(email, name, refreshToken, projectId, tier, accessTokenTtlSeconds);
        }
    }

    private GoogleAccount AddAccountLocked(string email, string? name, string? refreshToken, string? projectId, AccountTier tier, int? ttl)
    {
        var number = _nextAccountNumber++;
        var account = new GoogleAccount
        {
            Id = (100_000_000_000_000_000_000m + number).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Email = email,
            Name = string.IsNullOrWhiteSpace(name) ? NameFromEmail(email) : name,
            RefreshToken = refreshToken ?? "1//emu-" + RandomToken(24),
            ProjectId = projectId,
            Tier = tier,
            AccessTokenTtlSeconds = ttl,
        };
        _accounts.Add(account);
        return account;
    }

    private static string NameFromEmail(string email)
    {
        var local = email.Split('@')[0].Replace('.', ' ').Replace('_', ' ');
        return string.Join(' ', local.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => char.ToUpperInvariant(word[0]) + word[1..]));
    }

    /// <summary>Finds an account by refresh token or email (case-insensitive).</summary>
    public GoogleAccount? FindAccount(string target)
    {
        lock (_gate)
        {
            return FindAccountLocked(target);
        }
    }

    private GoogleAccount? FindAccountLocked(string target) =>
        _accounts.FirstOrDefault(a => a.RefreshToken == target)
        ?? _accounts.FirstOrDefault(a => string.Equals(a.Email, target, StringComparison.OrdinalIgnoreCase));

    public GoogleAccount? FindByRefreshToken(string refreshToken)
    {
        lock (_gate)
        {
            return _accounts.FirstOrDefault(a => a.RefreshToken == refreshToken);
        }
    }

    public IReadOnlyList<GoogleAccount> Accounts
    {
        get
        {
            lock (_gate)
            {
                return [.. _accounts];
            }
        }
    }

    /// <summary>Revokes (or restores) an account's refresh token; revoking also kills its access tokens.</summary>
    public GoogleAccount? SetRevoked(string target, bool revoked)
    {
        lock (_gate)
        {
            var account = FindAccountLocked(target);
            if (account is null)
            {
                return null;
            }
            account.Revoked = revoked;
            if (revoked)
            {
                RemoveTokensLocked(account);
            }
            return account;
        }
    }

    public bool RemoveAccount(string target)
    {
        lock (_gate)
        {
            var account = FindAccountLocked(target);
            if (account is null)
            {
                return false;
            }
            RemoveTokensLocked(account);
            _accounts.Remove(account);
            return true;
        }
    }

    public GoogleAccount? UpdateAccount(string target, Action<GoogleAccount> update)
    {
        lock (_gate)
        {
            var account = FindAccountLocked(target);
            if (account is not null)
            {
                update(account);
            }
            return account;
        }
    }

    private void RemoveTokensLocked(GoogleAccount account)
    {
        foreach (var token in _accessTokens.Where(pair => pair.Value.Account == account).Select(pair => pair.Key).ToList())
        {
            _accessTokens.Remove(token);
        }
    }

    // ---- tokens ----

    public (string Token, int ExpiresIn) IssueAccessToken(GoogleAccount account)
    {
        var ttl = account.AccessTokenTtlSeconds ?? _options.AccessTokenLifetimeSeconds;
        var token = "ya29.emu-" + RandomToken(32);
        lock (_gate)
        {
            _accessTokens[token] = new IssuedAccessToken(account, Now.AddSeconds(ttl));
        }
        return (token, ttl);
    }

    public AccessTokenCheck CheckAccessToken(string token, out GoogleAccount? account)
    {
        lock (_gate)
        {
            account = null;
            if (!_accessTokens.TryGetValue(token, out var issued))
            {
                return AccessTokenCheck.Unknown;
            }
            if (issued.ExpiresAt <= Now)
            {
                return AccessTokenCheck.Expired;
            }
            account = issued.Account;
            return AccessTokenCheck.Valid;
        }
    }

    /// <summary>Makes every access token of the account expire now, so the next call needs a refresh.</summary>
    public int ExpireAccessTokens(GoogleAccount account)
    {
        lock (_gate)
        {
            var count = 0;
            foreach (var (token, issued) in _accessTokens.Where(pair => pair.Value.Account == account).ToList())
            {
                _accessTokens[token] = issued with { ExpiresAt = Now.AddSeconds(-1) };
                count++;
            }
            return count;
        }
    }

    public string IssueAuthorizationCode(GoogleAccount account, string redirectUri, string scope)
    {
        var code = "4/emu-" + RandomToken(24);
        lock (_gate)
        {
            _codes[code] = new AuthorizationCode(account, redirectUri, scope, Now.Add(s_codeLifetime));
        }
        return code;
    }

    /// <summary>Takes a code out of circulation (codes are single use) and returns it when still valid.</summary>
    public AuthorizationCode? RedeemAuthorizationCode(string code)
    {
        lock (_gate)
        {
            if (!_codes.Remove(code, out var issued) || issued.ExpiresAt <= Now)
            {
                return null;
            }
            return issued;
        }
    }

    public GoogleAccount CreateOrFindAccountForLogin(string? loginHint)
    {
        lock (_gate)
        {
            if (!string.IsNullOrWhiteSpace(loginHint))
            {
                return FindAccountLocked(loginHint.Trim())
                    ?? AddAccountLocked(loginHint.Trim(), null, null, $"emulator-project-{_nextAccountNumber}", AccountTier.Pro, null);
            }
            var number = _nextAccountNumber;
            return AddAccountLocked($"oauth-user-{number}@emulator.test", null, null, $"emulator-project-{number}", AccountTier.Pro, null);
        }
    }

    // ---- API keys ----

    public bool AddKey(string key, ApiKeyKind kind)
    {
        lock (_gate)
        {
            return !_keys.ContainsKey(key) && AddKeyLocked(key, kind);
        }
    }

    public bool RemoveKey(string key)
    {
        lock (_gate)
        {
            return _keys.Remove(key);
        }
    }

    private bool AddKeyLocked(string key, ApiKeyKind kind)
    {
        var number = _keys.Values.Count(k => k.Kind == kind) + 1;
        var id = $"{kind.Name()}-{number}";
        while (_keys.Values.Any(k => k.Id == id))
        {
            id = $"{kind.Name()}-{++number}";
        }
        _keys[key] = new RegisteredKey(key, kind, id);
        return true;
    }

    /// <summary>The registered key when it exists and opens <paramref name="kind"/>.</summary>
    public RegisteredKey? FindKey(string key, ApiKeyKind kind)
    {
        lock (_gate)
        {
            return _keys.TryGetValue(key, out var known) && known.Kind == kind ? known : null;
        }
    }

    public IReadOnlyList<RegisteredKey> Keys
    {
        get
        {
            lock (_gate)
            {
                return [.. _keys.Values];
            }
        }
    }

    // ---- quota ----

    /// <summary>The account's quota for a model; a quota whose reset time has passed is full again.</summary>
    public ModelQuota GetQuota(GoogleAccount account, string model)
    {
        lock (_gate)
        {
            if (!account.Quotas.TryGetValue(model, out var quota) || quota.ResetTime <= Now)
            {
                quota = new ModelQuota(1.0, NextReset());
                account.Quotas[model] = quota;
            }
            return quota;
        }
    }

    public IReadOnlyDictionary<string, ModelQuota> QuotasOf(GoogleAccount account)
    {
        lock (_gate)
        {
            return new Dictionary<string, ModelQuota>(account.Quotas);
        }
    }

    public void SetQuota(GoogleAccount account, string model, double remainingFraction, DateTimeOffset? resetTime)
    {
        lock (_gate)
        {
            account.Quotas[model] = new ModelQuota(remainingFraction, resetTime ?? NextReset());
        }
    }

    private DateTimeOffset NextReset()
    {
        var now = Now;
        return new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).Add(s_quotaWindow);
    }

    private static string RandomToken(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

internal enum AccessTokenCheck
{
    Unknown,
    Expired,
    Valid,
}
