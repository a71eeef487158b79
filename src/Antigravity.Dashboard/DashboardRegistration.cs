using Antigravity.Contracts.DataProtection;
using Antigravity.Contracts.Internal;
using Antigravity.Contracts.Redis;
using Antigravity.Dashboard.Auth;
using Antigravity.Dashboard.Endpoints;
using Antigravity.Dashboard.Monitor;
using Antigravity.Dashboard.ProxyConfig;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Antigravity.Dashboard;

/// <summary>The dashboard's service wiring, called from <c>Program.cs</c>.</summary>
internal static class DashboardRegistration
{
    public static WebApplicationBuilder AddDashboard(this WebApplicationBuilder builder)
    {
        builder.AddRedis();
        builder.AddProxySettings();

        var services = builder.Services;
        services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, ValidateDashboardOptions>();

        services.AddSingleton<AdminPassword>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<AdminCredentials>();
        services.AddScoped<AdminSessions>();
        services.AddHostedService<AdminPasswordInitializer>();
        services.AddScoped<ProxyConfigService>();
        services.AddSingleton<LanAddresses>();
        services.AddMonitorApi();
        services.AddHttpClient(AccountsApi.PoolClientName).AddInternalServiceResilience().AddInternalApiKey();

        // One key ring in Redis for every service: sessions survive restarts and work across replicas.
        builder.AddSharedDataProtection();

        services.AddAdminAuthentication();

        services.ConfigureHttpJsonOptions(options => DashboardJsonContext.Configure(options.SerializerOptions));
        services.AddProblemDetails();
        services.AddExceptionHandler<DashboardExceptionHandler>();
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<AdminApiDocumentTransformer>();
        });

        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        return builder;
    }

    private static void AddAdminAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(AdminAuthentication.CookieScheme)
            .AddCookie(AdminAuthentication.CookieScheme, _ => { })
            .AddScheme<AuthenticationSchemeOptions, AdminBearerHandler>(AdminAuthentication.BearerScheme, _ => { })
            .AddPolicyScheme(AdminAuthentication.ApiScheme, "Admin API", options =>
            {
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 ? AdminAuthentication.BearerScheme : AdminAuthentication.CookieScheme;
                options.ForwardChallenge = AdminAuthentication.BearerScheme;
                options.ForwardForbid = AdminAuthentication.BearerScheme;
            });

        services.AddOptions<CookieAuthenticationOptions>(AdminAuthentication.CookieScheme)
            .Configure<IOptions<DashboardOptions>>((cookie, dashboard) =>
            {
                cookie.Cookie.Name = AdminAuthentication.CookieName;
                cookie.Cookie.HttpOnly = true;
                // Strict: no other site can make the browser send the session, so the cookie cannot be used for CSRF on /api.
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = "/login";
                cookie.LogoutPath = "/logout";
                cookie.ExpireTimeSpan = dashboard.Value.SessionIdleTimeout;
                cookie.SlidingExpiration = true;
                cookie.Events.OnValidatePrincipal = AdminSessions.ValidatePrincipalAsync;
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(AdminAuthentication.ApiPolicy, policy => policy
                .AddAuthenticationSchemes(AdminAuthentication.ApiScheme)
                .RequireAuthenticatedUser());
    }
}
