using Antigravity.Contracts.Redis;
using Antigravity.AccountPool.OAuth;
using Antigravity.AccountPool.Quota;
using Antigravity.Contracts.Accounts;

namespace Antigravity.AccountPool.Accounts;

/// <summary>The admin operations on accounts: add (verifying Google accounts), list, change, delete, refresh, export.</summary>
internal sealed partial class AccountService(
    AccountStore store,
    AccountSecrets secrets,
    AccountViews views,
    GoogleOAuthClient oauth,
    QuotaService quota,
    RedisDurability durability,
    TimeProvider time,
    ILogger<AccountService> logger)
{
    public async Task<IReadOnlyList<AccountView>> ListAsync(CancellationToken cancellationToken)
    {
        var accounts = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        var counts = await store.GetLeaseCountsAsync(cancellationToken).ConfigureAwait(false);
        return await Task.WhenAll(accounts.Select(a => views.ViewAsync(a, counts, cancellationToken))).ConfigureAwait(false);
    }

    public async Task<AccountResult<AccountView>> GetAsync(string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } account
            ? AccountResult<AccountView>.Ok(await views.ViewAsync(account, null, cancellationToken).ConfigureAwait(false))
            : NotFound(id);

    public async Task<AccountResult<AccountView>> AddAsync(AddAccountRequest request, CancellationToken cancellationToken)
    {
        if (AddAccountValidation.Validate(request) is { } invalid)
        {
            return AccountResult<AccountView>.Fail(400, invalid.Error, invalid.Field);
        }
        var secret = (request.Kind == AccountKinds.Antigravity ? request.RefreshToken : request.ApiKey)!.Trim();
        var fingerprint = AccountSecrets.Fingerprint(secret);
        if (await FindByFingerprintAsync(fingerprint, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return AccountResult<AccountView>.Fail(409, $"This {(request.Kind == AccountKinds.Antigravity ? "refresh token" : "API key")} is already in the pool (account {existing.Id}).",
                request.Kind == AccountKinds.Antigravity ? "refreshToken" : "apiKey");
        }

        if (request.Kind == AccountKinds.Antigravity)
        {
            TokenGrant grant;
            try
            {
                grant = await oauth.RefreshAsync(secret, cancellationToken).ConfigureAwait(false);
            }
            catch (OAuthGrantException ex) when (ex.IsInvalidGrant)
            {
                return AccountResult<AccountView>.Fail(400, "refreshToken was refused by Google (invalid_grant): it was revoked or has expired; sign in again.", "refreshToken");
            }
            catch (OAuthGrantException ex)
            {
                return AccountResult<AccountView>.Fail(400, $"refreshToken could not be used: Google answered {ex.Error}.", "refreshToken");
            }
            catch (OAuthNotConfiguredException ex)
            {
                return AccountResult<AccountView>.Fail(503, ex.Message);
            }
            catch (HttpRequestException)
            {
                return AccountResult<AccountView>.Fail(502, "Google's token endpoint could not be reached; try again later.");
            }
            return await AddGoogleAsync(grant with { RefreshToken = grant.RefreshToken ?? secret }, request.Label, cancellationToken).ConfigureAwait(false);
        }

        var account = NewRecord(request.Kind!, request.Label) with
        {
            ApiKeyCipher = secrets.Protect(secret),
            SecretFingerprint = fingerprint,
            SecretHint = AccountSecrets.Mask(secret),
            BaseUrl = request.BaseUrl?.Trim().TrimEnd('/'),
            Models = (request.Models ?? []).Select(m => m.Trim()).Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToList(),
            ModelMapping = request.ModelMapping?.ToDictionary(e => e.Key.Trim(), e => e.Value.Trim(), StringComparer.Ordinal) ?? new Dictionary<string, string>(),
        };
        if (account.Label is null && account.BaseUrl is not null && Uri.TryCreate(account.BaseUrl, UriKind.Absolute, out var uri))
        {
            account = account with { Label = uri.Host };
        }
        await store.SaveAsync(account, cancellationToken).ConfigureAwait(false);
        await durability.ConfirmAsync(cancellationToken).ConfigureAwait(false);
        Log.Added(logger, account.Id, account.Kind);
        return AccountResult<AccountView>.Ok(await views.ViewAsync(account, null, cancellationToken).ConfigureAwait(false), 201);
    }

    /// <summary>Adds a Google account from a fresh grant (refresh or code exchange): e-mail, project, tier and quota are looked up at once.</summary>
    public async Task<AccountResult<AccountView>> AddGoogleAsync(TokenGrant grant, string? label, CancellationToken cancellationToken)
    {
        var refreshToken = grant.RefreshToken!;
        var fingerprint = AccountSecrets.Fingerprint(refreshToken);
        if (await FindByFingerprintAsync(fingerprint, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            return AccountResult<AccountView>.Fail(409, $"This Google account is already in the pool (account {existing.Id}).", "refreshToken");
        }
        string? email = null;
        try
        {
            email = await oauth.GetEmailAsync(grant.AccessToken, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // The e-mail is cosmetic; the account works without it.
        }
        var now = time.GetUtcNow();
        var account = NewRecord(AccountKinds.Antigravity, label) with
        {
            Email = email,
            Label = label ?? email,
            RefreshTokenCipher = secrets.Protect(refreshToken),
            SecretFingerprint = fingerprint,
            SecretHint = AccountSecrets.Mask(refreshToken),
            AccessTokenCipher = secrets.Protect(grant.AccessToken),
            AccessTokenExpiresAtMs = (now + grant.ExpiresIn).ToUnixTimeMilliseconds(),
        };
        await store.SaveAsync(account, cancellationToken).ConfigureAwait(false);
        await durability.ConfirmAsync(cancellationToken).ConfigureAwait(false);
        Log.Added(logger, account.Id, account.Kind);
        var refreshed = await RefreshQuietlyAsync(account, cancellationToken).ConfigureAwait(false) ?? account;
        return AccountResult<AccountView>.Ok(await views.ViewAsync(refreshed, null, cancellationToken).ConfigureAwait(false), 201);
    }

    public async Task<AccountResult<AccountView>> UpdateAsync(string id, UpdateAccountRequest request, CancellationToken cancellationToken)
    {
        if (request.Label is { Length: > 100 })
        {
            return AccountResult<AccountView>.Fail(400, "label must be at most 100 characters.", "label");
        }
        var account = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return NotFound(id);
        }
        if (request.Models is not null && account.Kind == AccountKinds.Antigravity)
        {
            return AccountResult<AccountView>.Fail(400, "models cannot be set on a Google (antigravity) account: its models come from its quota.", "models");
        }
        var nowText = AccountRecord.Text(time.GetUtcNow().ToUnixTimeMilliseconds());
        List<KeyValuePair<string, string>> fields = [];
        if (request.Label is not null)
        {
            fields.Add(new("label", request.Label.Trim()));
        }
        if (request.Models is not null)
        {
            fields.Add(new("models", System.Text.Json.JsonSerializer.Serialize<IReadOnlyList<string>>(request.Models.Select(m => m.Trim()).Where(m => m.Length > 0).ToList(), PoolStoreJsonContext.Default.IReadOnlyListString)));
        }
        if (request.Enabled == true)
        {
            // Re-enabling is the user saying "try it again": clear the state and the cooldowns.
            fields.AddRange([new("enabled", "1"), new("state", AccountStates.Active), new("stateReason", ""), new("stateSince", nowText), new("stateUntil", ""), new("validationUrl", "")]);
            await store.ClearAllCooldownsAsync(id, cancellationToken).ConfigureAwait(false);
        }
        else if (request.Enabled == false)
        {
            fields.AddRange([new("enabled", "0"), new("stateReason", "disabled by the user"), new("stateSince", nowText)]);
        }
        if (fields.Count > 0 && !await store.UpdateFieldsAsync(id, fields, cancellationToken).ConfigureAwait(false))
        {
            return NotFound(id);
        }
        await durability.ConfirmAsync(cancellationToken).ConfigureAwait(false);
        return await GetAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var deleted = await store.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
        if (deleted)
        {
            await durability.ConfirmAsync(cancellationToken).ConfigureAwait(false);
            Log.Deleted(logger, id);
        }
        return deleted;
    }

    public async Task<AccountResult<AccountView>> RefreshAsync(string id, CancellationToken cancellationToken)
    {
        var account = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        if (account is null)
        {
            return NotFound(id);
        }
        try
        {
            account = await quota.RefreshAsync(account, onDemand: true, cancellationToken).ConfigureAwait(false) ?? account;
        }
        catch (OAuthNotConfiguredException ex)
        {
            return AccountResult<AccountView>.Fail(503, ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or OAuthGrantException or TimeoutException)
        {
            return AccountResult<AccountView>.Fail(502, "The account could not be refreshed: " + ex.Message);
        }
        return AccountResult<AccountView>.Ok(await views.ViewAsync(account, null, cancellationToken).ConfigureAwait(false));
    }

    public async Task<AccountExport> ExportAsync(CancellationToken cancellationToken)
    {
        var accounts = await store.ListAsync(cancellationToken).ConfigureAwait(false);
        return new AccountExport
        {
            ExportedAt = time.GetUtcNow(),
            Accounts = accounts.Select(a => new ExportedAccount
            {
                Kind = a.Kind,
                Label = a.Label,
                Email = a.Email,
                Enabled = a.Enabled,
                RefreshToken = secrets.Unprotect(a.RefreshTokenCipher),
                ApiKey = secrets.Unprotect(a.ApiKeyCipher),
                BaseUrl = a.BaseUrl,
                Models = a.Models.Count > 0 ? a.Models : null,
                ModelMapping = a.ModelMapping.Count > 0 ? a.ModelMapping : null,
                ProjectId = a.ProjectId,
            }).ToList(),
        };
    }

    /// <summary>Stores imported accounts without calling Google (their tokens and quota are fetched in the background afterwards).</summary>
    public async Task<ImportResult> ImportAsync(IReadOnlyList<ExportedAccount> entries, IReadOnlyList<string> parseErrors, CancellationToken cancellationToken)
    {
        var known = (await store.ListAsync(cancellationToken).ConfigureAwait(false)).Select(a => a.SecretFingerprint).OfType<string>().ToHashSet(StringComparer.Ordinal);
        List<AccountRecord> added = [];
        List<string> errors = [.. parseErrors];
        var skipped = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var request = new AddAccountRequest { Kind = entry.Kind, RefreshToken = entry.RefreshToken, ApiKey = entry.ApiKey, BaseUrl = entry.BaseUrl, Models = entry.Models, ModelMapping = entry.ModelMapping, Label = entry.Label };
            if (AddAccountValidation.Validate(request) is { } invalid)
            {
                errors.Add($"accounts[{i}]{(entry.Email is null ? "" : $" ({entry.Email})")}: {invalid.Error}");
                continue;
            }
            var secret = (entry.Kind == AccountKinds.Antigravity ? entry.RefreshToken : entry.ApiKey)!.Trim();
            var fingerprint = AccountSecrets.Fingerprint(secret);
            if (!known.Add(fingerprint))
            {
                skipped++;
                continue;
            }
            var account = NewRecord(entry.Kind, entry.Label ?? entry.Email) with
            {
                Email = entry.Email,
                Enabled = entry.Enabled,
                RefreshTokenCipher = entry.Kind == AccountKinds.Antigravity ? secrets.Protect(secret) : null,
                ApiKeyCipher = entry.Kind == AccountKinds.Antigravity ? null : secrets.Protect(secret),
                SecretFingerprint = fingerprint,
                SecretHint = AccountSecrets.Mask(secret),
                BaseUrl = entry.BaseUrl?.Trim().TrimEnd('/'),
                Models = entry.Models ?? [],
                ModelMapping = entry.ModelMapping ?? new Dictionary<string, string>(),
                ProjectId = entry.ProjectId,
            };
            await store.SaveAsync(account, cancellationToken).ConfigureAwait(false);
            added.Add(account);
        }
        if (added.Count > 0)
        {
            await durability.ConfirmAsync(cancellationToken).ConfigureAwait(false);
        }
        Log.Imported(logger, added.Count, skipped, errors.Count);
        var counts = await store.GetLeaseCountsAsync(cancellationToken).ConfigureAwait(false);
        return new ImportResult
        {
            Added = await Task.WhenAll(added.Select(a => views.ViewAsync(a, counts, cancellationToken))).ConfigureAwait(false),
            Skipped = skipped,
            Errors = errors,
        };
    }

    private async Task<AccountRecord?> RefreshQuietlyAsync(AccountRecord account, CancellationToken cancellationToken)
    {
        try
        {
            return await quota.RefreshAsync(account, onDemand: false, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OAuthGrantException or OAuthNotConfiguredException or TimeoutException)
        {
            Log.FirstRefreshFailed(logger, account.Id, ex.Message);
            return null;
        }
    }

    private async Task<AccountRecord?> FindByFingerprintAsync(string fingerprint, CancellationToken cancellationToken) =>
        (await store.ListAsync(cancellationToken).ConfigureAwait(false)).FirstOrDefault(a => a.SecretFingerprint == fingerprint);

    private AccountRecord NewRecord(string kind, string? label) => new()
    {
        Id = Guid.NewGuid().ToString("N")[..12],
        Kind = kind,
        Label = string.IsNullOrWhiteSpace(label) ? null : label.Trim(),
        CreatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
        StateSinceMs = time.GetUtcNow().ToUnixTimeMilliseconds(),
    };

    private static AccountResult<AccountView> NotFound(string id) => AccountResult<AccountView>.Fail(404, $"No account with id \"{id}\".", "id");

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Account {AccountId} ({Kind}) added.")]
        public static partial void Added(ILogger logger, string accountId, string kind);

        [LoggerMessage(2, LogLevel.Information, "Account {AccountId} deleted.")]
        public static partial void Deleted(ILogger logger, string accountId);

        [LoggerMessage(3, LogLevel.Information, "Import: {Added} accounts added, {Skipped} already present, {Errors} entries refused.")]
        public static partial void Imported(ILogger logger, int added, int skipped, int errors);

        [LoggerMessage(4, LogLevel.Warning, "The first quota refresh of account {AccountId} failed: {Reason}")]
        public static partial void FirstRefreshFailed(ILogger logger, string accountId, string reason);
    }
}
