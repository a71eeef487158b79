using Antigravity.Contracts.Accounts;

namespace Antigravity.AccountPool.Accounts;

/// <summary>Builds the admin view of an account (never a secret, only its mask).</summary>
internal sealed class AccountViews(AccountStore store, TimeProvider time)
{
    public async Task<AccountView> ViewAsync(AccountRecord account, IReadOnlyDictionary<string, long>? leaseCounts, CancellationToken cancellationToken)
    {
        var nowMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        var quotaTask = store.GetQuotaAsync(account.Id, cancellationToken);
        var cooldownTask = store.GetCooldownsAsync(account.Id, nowMs, cancellationToken);
        leaseCounts ??= await store.GetLeaseCountsAsync(cancellationToken).ConfigureAwait(false);
        var quota = await quotaTask.ConfigureAwait(false);
        var cooldowns = await cooldownTask.ConfigureAwait(false);
        return new AccountView
        {
            Id = account.Id,
            Kind = account.Kind,
            Label = account.Label,
            Email = account.Email,
            Enabled = account.Enabled,
            State = new AccountStateView
            {
                Status = account.Enabled ? account.State : AccountStates.Disabled,
                Reason = account.Enabled ? account.StateReason : account.StateReason ?? "disabled by the user",
                Since = Time(account.StateSinceMs),
                Until = Time(account.StateUntilMs),
                ValidationUrl = account.ValidationUrl,
            },
            SecretHint = account.SecretHint,
            BaseUrl = account.BaseUrl,
            Models = account.Models,
            ModelMapping = account.ModelMapping,
            ProjectId = account.ProjectId,
            Tier = account.Tier,
            AccessTokenExpiresAt = Time(account.AccessTokenExpiresAtMs),
            Quota = quota.Values.OrderBy(q => q.Model, StringComparer.Ordinal)
                .Select(q => new ModelQuotaView { Model = q.Model, DisplayName = q.DisplayName, RemainingFraction = q.RemainingFraction, ResetTime = q.ResetTime })
                .ToList(),
            QuotaUpdatedAt = Time(account.QuotaUpdatedAtMs),
            Cooldowns = cooldowns.OrderBy(c => c.Model, StringComparer.Ordinal)
                .Select(c => new CooldownView { Model = c.Model, Until = DateTimeOffset.FromUnixTimeMilliseconds(c.UntilMs), Reason = c.Reason })
                .ToList(),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(account.CreatedAtMs),
            LastUsedAt = Time(account.LastUsedAtMs),
            LeaseCount = leaseCounts.GetValueOrDefault(account.Id),
            InputTokens = account.InputTokens,
            OutputTokens = account.OutputTokens,
        };
    }

    private static DateTimeOffset? Time(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}
