using Microsoft.Extensions.Options;

namespace Antigravity.Contracts.DataProtection;

/// <summary>
/// How the shared Data Protection key ring is encrypted at rest (section <c>DataProtection</c>). The AppHost
/// generates the key once, keeps it in its data directory and gives it to every service; it never goes to Redis.
/// </summary>
public sealed class KeyRingEncryptionOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "DataProtection";

    /// <summary>The configuration key, as set through the environment.</summary>
    public const string EnvironmentVariable = "DataProtection__KeyEncryptionKey";

    /// <summary>Length of the key-encryption key in bytes (AES-256).</summary>
    public const int KeyLength = 32;

    /// <summary>
    /// The key-encryption key, 32 bytes in base64 (<c>DataProtection:KeyEncryptionKey</c>). Unset: the key
    /// ring is stored unencrypted and a warning says so once at start.
    /// </summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>The decoded key, or null when none is configured (call only after validation).</summary>
    public byte[]? KeyBytes => string.IsNullOrWhiteSpace(KeyEncryptionKey) ? null : Convert.FromBase64String(KeyEncryptionKey.Trim());

    /// <summary>A new random key in the configuration's form (base64).</summary>
    public static string GenerateKey() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(KeyLength));

    /// <summary>Null when <paramref name="value"/> is a usable key (or unset), else what is wrong, without the value.</summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        Span<byte> buffer = stackalloc byte[KeyLength + 3];
        return Convert.TryFromBase64String(value.Trim(), buffer, out var written) && written == KeyLength
            ? null
            : $"DataProtection:KeyEncryptionKey must be {KeyLength} bytes in base64 (44 characters); the value given is not. "
              + "Leave it unset to keep the key ring unencrypted, or let the AppHost set it.";
    }
}

/// <summary>Says what is wrong with <see cref="KeyRingEncryptionOptions"/> (never the value).</summary>
public sealed class ValidateKeyRingEncryptionOptions : IValidateOptions<KeyRingEncryptionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KeyRingEncryptionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return KeyRingEncryptionOptions.Problem(options.KeyEncryptionKey) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
    }
}
