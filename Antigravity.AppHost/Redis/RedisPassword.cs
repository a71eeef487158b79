using System.Security.Cryptography;

namespace Antigravity.AppHost.Redis;

/// <summary>
/// The embedded Redis's password: generated on the first start and kept in <c>&lt;data-dir&gt;/redis-password</c>,
/// a file only its owner can read or write (0600), so that data and password stay together across restarts.
/// The servers read it from a config file of the same mode (never from the command line, which every local user can
/// read in <c>/proc/&lt;pid&gt;/cmdline</c>); the services get it in their connection string.
/// </summary>
public static class RedisPassword
{
    /// <summary>The file's name inside the data directory.</summary>
    public const string FileName = "redis-password";

    /// <summary>The stored password, or a new one stored first; an existing file is made owner-only again.</summary>
    public static string LoadOrCreate(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            OwnerOnlyFile.Restrict(path);
            if (File.ReadAllText(path).Trim() is { Length: > 0 } stored)
            {
                // It goes into a connection string and the servers' config files unquoted.
                return stored.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
                    ? stored
                    : throw new InvalidOperationException($"{path} may hold only letters, digits and - _ . ~ (delete it to have a new password generated).");
            }
        }
        // base64url: nothing a connection string would split on (',' '=') and nothing a config file would quote.
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        OwnerOnlyFile.Write(path, password + "\n");
        return password;
    }
}
