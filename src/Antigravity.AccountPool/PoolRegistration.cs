using Antigravity.AccountPool.Accounts;
using Antigravity.AccountPool.Endpoints;
using Antigravity.AccountPool.Leasing;
using Antigravity.AccountPool.Leasing.Policies;
using Antigravity.AccountPool.OAuth;
using Antigravity.AccountPool.Quota;
using Antigravity.AccountPool.Upstream;
using Antigravity.Contracts.DataProtection;
using Antigravity.Contracts.Redis;
using Microsoft.Extensions.Options;

namespace Antigravity.AccountPool;

/// <summary>DI wiring of the AccountPool service.</summary>
internal static class PoolRegistration
{
    public static IHostApplicationBuilder AddAccountPool(this IHostApplicationBuilder builder)
    {
        builder.AddRedis();
        builder.AddProxySettings();
        builder.AddSharedDataProtection();

        var services = builder.Services;
        services.AddOptions<PoolOptions>().BindConfiguration(PoolOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PoolOptions>, ValidatePoolOptions>();
        services.AddOptions<InternalApiOptions>().BindConfiguration(InternalApiOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InternalApiOptions>, ValidateInternalApiOptions>();
        services.AddSingleton<InternalCallerPolicy>();
        services.AddHostedService<InternalApiKeyWarning>();
        services.AddOptions<OAuthOptions>().BindConfiguration(OAuthOptions.Section).ValidateOnStart();
        services.AddOptions<CloudCodeOptions>().BindConfiguration(CloudCodeOptions.Section).ValidateOnStart();
        services.AddOptions<GeminiApiOptions>().BindConfiguration(GeminiApiOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OAuthOptions>, ValidateUpstreamOptions>();
        services.AddSingleton<IValidateOptions<CloudCodeOptions>, ValidateUpstreamOptions>();
        services.AddSingleton<IValidateOptions<GeminiApiOptions>, ValidateUpstreamOptions>();

        services.AddHttpClient<GoogleOAuthClient>(http => http.Timeout = TimeSpan.FromSeconds(30));
        services.AddHttpClient<CloudCodeClient>(http => http.Timeout = TimeSpan.FromSeconds(30));

        services.AddSingleton<AccountStore>();
        services.AddSingleton<AccountSecrets>();
        services.AddSingleton<AccountViews>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<QuotaService>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<OAuthFlow>();
        services.AddSingleton<PoolView>();
        services.AddSingleton<LeaseService>();
        services.AddSingleton<OutcomeService>();

        services.AddSingleton<IAccountSelectionPolicy, BalancePolicy>();
        services.AddSingleton<IAccountSelectionPolicy, CacheFirstPolicy>();
        services.AddSingleton<IAccountSelectionPolicy, PerformanceFirstPolicy>();
        services.AddSingleton<IAccountSelectionPolicy, FixedAccountPolicy>();
        services.AddSingleton<SelectionPolicies>();

        services.AddHostedService<QuotaRefreshService>();
        services.AddHostedService<Telemetry.PoolMetrics>();
        services.AddExceptionHandler<Endpoints.PoolExceptionHandler>();
        services.AddProblemDetails();
        return builder;
    }
}
