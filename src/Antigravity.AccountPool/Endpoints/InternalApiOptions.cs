using Antigravity.Contracts.Internal;
using Microsoft.Extensions.Options;

namespace Antigravity.AccountPool.Endpoints;

/// <summary>
/// The credential the internal API requires (section <c>Internal</c>, key <c>ApiKey</c>, environment
/// <c>Internal__ApiKey</c>): the AppHost generates one at each start and gives it to every service. Unset
/// (a service run alone), the internal API answers loopback callers without one, and says so once at start.
/// </summary>
internal sealed class InternalApiOptions
{
    public const string Section = "Internal";

    /// <summary>The credential callers must send in <see cref="InternalApiKey.HeaderName"/>; null or empty: none required.</summary>
    public string? ApiKey { get; set; }

    public bool Required => !string.IsNullOrEmpty(ApiKey);
}

internal sealed class ValidateInternalApiOptions : IValidateOptions<InternalApiOptions>
{
    public ValidateOptionsResult Validate(string? name, InternalApiOptions options) =>
        options.Required && options.ApiKey!.Length < InternalApiKey.MinimumLength
            ? ValidateOptionsResult.Fail($"{InternalApiKey.ConfigurationKey} must be at least {InternalApiKey.MinimumLength} characters long (got {options.ApiKey.Length}); leave it unset to allow loopback callers without one.")
            : ValidateOptionsResult.Success;
}
