using Antigravity.Contracts.Auth;
using Antigravity.Contracts.DataProtection;

namespace Antigravity.AppHost;

/// <summary>
/// What the AppHost gives the services and nobody else holds: the key that encrypts the Data Protection key
/// ring in Redis, and the admin password the dashboard stores (as a hash) when Redis has none yet.
/// </summary>
/// <param name="KeyEncryptionKey">Base64 of 32 bytes, kept in <see cref="KeyFileName"/> in the data directory (mode 0600), never in Redis.</param>
/// <param name="InitialAdminPassword">Fresh at every start; the summary prints it only when the dashboard took it.</param>
public sealed record AppHostSecrets(string KeyEncryptionKey, string InitialAdminPassword)
{
    /// <summary>The key-encryption key's file in the data directory.</summary>
    public const string KeyFileName = "data-protection.key";

    /// <summary>
    /// Reads the key-encryption key from <c>DataProtection__KeyEncryptionKey</c> when the AppHost is given one, else
    /// from <paramref name="dataDirectory"/>, creating it (mode 0600) on the first start. Losing it loses every
    /// account secret stored in Redis, so an unreadable or malformed file stops the start instead of being replaced.
    /// </summary>
    public static AppHostSecrets LoadOrCreate(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        var key = Environment.GetEnvironmentVariable(KeyRingEncryptionOptions.EnvironmentVariable) is { Length: > 0 } given
            ? Checked(given.Trim(), $"the environment variable {KeyRingEncryptionOptions.EnvironmentVariable}")
            : LoadOrCreateFile(Path.Combine(dataDirectory, KeyFileName));
        return new AppHostSecrets(key, AdminPasswords.Generate());
    }

    private static string LoadOrCreateFile(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var created = KeyRingEncryptionOptions.GenerateKey();
            if (OwnerOnlyFile.TryCreate(path, created))
            {
                return created;
            }
            // Another AppHost created it at the same moment: use theirs.
        }
        return Checked(File.ReadAllText(path).Trim(), path);
    }

    private static string Checked(string key, string source) =>
        KeyRingEncryptionOptions.Problem(key) is null
            ? key
            : throw new InvalidOperationException(
                $"{source} does not hold a Data Protection key-encryption key (32 bytes in base64). It encrypts the key ring that protects "
                + "the account secrets in Redis: restore the original, or, to start over without those secrets, remove it together with the Redis data.");
}
