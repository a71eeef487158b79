using Antigravity.Contracts.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Antigravity.Contracts.Accounts;

/// <summary>Registers <see cref="AccountPoolClient"/>.</summary>
public static class AccountPoolClientRegistration
{
    /// <summary>
    /// Adds <see cref="AccountPoolClient"/> as a typed <see cref="HttpClient"/> with base address
    /// <c>http://accountpool</c> (resolved by the service defaults' service discovery), sending the internal
    /// credential (<c>Internal:ApiKey</c>) on every call.
    /// </summary>
    public static IHttpClientBuilder AddAccountPoolClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Services.AddHttpClient<AccountPoolClient>(http => http.BaseAddress = AccountPoolClient.BaseAddress).AddInternalApiKey();
    }
}
