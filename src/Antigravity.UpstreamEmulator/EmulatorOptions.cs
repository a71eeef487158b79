using Microsoft.Extensions.Options;

namespace Antigravity.UpstreamEmulator;

/// <summary>Settings of the emulator, bound from the <c>Emulator</c> configuration section.</summary>
public sealed class EmulatorOptions
{
    public const string Section = "Emulator";

    /// <summary>OAuth client id the token endpoint accepts.</summary>
    public string ClientId { get; set; } = "emulator-client-id";

    /// <summary>OAuth client secret the token endpoint accepts.</summary>
    public string ClientSecret { get; set; } = "emulator-client-secret";

    /// <summary>Lifetime of issued access tokens, unless an account overrides it.</summary>
    public int AccessTokenLifetimeSeconds { get; set; } = 3600;

    /// <summary>Key for the HMAC behind thought signatures and id tokens.</summary>
    public string SigningKey { get; set; } = "antigravity-upstream-emulator";

    /// <summary>How many requests the request log keeps; 0 turns the log off (for benchmarks).</summary>
    public int RequestLogCapacity { get; set; } = 2000;

    /// <summary>Whether to seed the default accounts and keys at start and on reset.</summary>
    public bool Seed { get; set; } = true;
}

internal sealed class ValidateEmulatorOptions : IValidateOptions<EmulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, EmulatorOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add("Emulator:ClientId must not be empty.");
        }
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add("Emulator:ClientSecret must not be empty.");
        }
        if (options.AccessTokenLifetimeSeconds is < 1 or > 86_400)
        {
            failures.Add($"Emulator:AccessTokenLifetimeSeconds must be between 1 and 86400 (was {options.AccessTokenLifetimeSeconds}).");
        }
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            failures.Add("Emulator:SigningKey must not be empty.");
        }
        if (options.RequestLogCapacity is < 0 or > 100_000)
        {
            failures.Add($"Emulator:RequestLogCapacity must be between 0 (off) and 100000 (was {options.RequestLogCapacity}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
