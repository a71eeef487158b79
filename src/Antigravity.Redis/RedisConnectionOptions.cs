using System.Globalization;
using System.Net.Security;

namespace Antigravity.Redis;

/// <summary>
/// Connection settings, parsed from a StackExchange.Redis-style connection string:
/// <c>host:port[,password=…][,user=…][,ssl=true][,abortConnect=false][,connectTimeout=ms][,syncTimeout=ms][,defaultDatabase=n][,name=…]</c>.
/// </summary>
public sealed record RedisConnectionOptions
{
    /// <summary>Server host name or address.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>Server port.</summary>
    public int Port { get; init; } = 6379;

    /// <summary>ACL user (Redis 6+), or null for the default user.</summary>
    public string? User { get; init; }

    /// <summary>Password for <c>AUTH</c>, or null.</summary>
    public string? Password { get; init; }

    /// <summary>Use TLS.</summary>
    public bool Ssl { get; init; }

    /// <summary>TLS server name to validate (defaults to <see cref="Host"/>).</summary>
    public string? SslHost { get; init; }

    /// <summary>
    /// Decides whether to trust the server's TLS certificate (for a private CA or a pinned certificate);
    /// null uses the system trust store. Not settable from a connection string.
    /// </summary>
    public RemoteCertificateValidationCallback? CertificateValidation { get; init; }

    /// <summary>
    /// When true, the first connect throws if the server is unreachable; when false (the default here)
    /// the client starts disconnected and keeps retrying in the background.
    /// </summary>
    public bool AbortConnect { get; init; }

    /// <summary>Time allowed for one connect attempt.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Time a command waits for its reply before failing with <see cref="RedisTimeoutException"/>.</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Database index selected after connecting.</summary>
    public int Database { get; init; }

    /// <summary>Client name sent with <c>CLIENT SETNAME</c>, or null.</summary>
    public string? ClientName { get; init; }

    /// <summary>Parses a connection string; throws <see cref="FormatException"/> naming the bad part.</summary>
    public static RedisConnectionOptions Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var options = new RedisConnectionOptions();
        var endpointSeen = false;
        foreach (var rawPart in connectionString.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = rawPart.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0)
            {
                if (endpointSeen)
                {
                    throw new FormatException($"Only one Redis endpoint is supported; found a second one: '{rawPart}'.");
                }
                options = ParseEndpoint(options, rawPart);
                endpointSeen = true;
                continue;
            }

            var name = rawPart[..equals].Trim();
            var value = rawPart[(equals + 1)..].Trim();
            options = name.ToLowerInvariant() switch
            {
                "password" => options with { Password = value },
                "user" => options with { User = value },
                "ssl" => options with { Ssl = ParseBool(name, value) },
                "sslhost" => options with { SslHost = value },
                "abortconnect" => options with { AbortConnect = ParseBool(name, value) },
                "connecttimeout" => options with { ConnectTimeout = ParseMilliseconds(name, value) },
                "synctimeout" or "asynctimeout" => options with { CommandTimeout = ParseMilliseconds(name, value) },
                "defaultdatabase" => options with { Database = ParseInt(name, value) },
                "name" => options with { ClientName = value },
                // Accepted for compatibility with StackExchange.Redis strings; they do not change this client.
                "allowadmin" or "keepalive" or "connectretry" or "resolvedns" or "version" or "tiebreaker" => options,
                _ => throw new FormatException($"Unknown Redis connection string option '{name}'."),
            };
        }

        if (!endpointSeen)
        {
            throw new FormatException("The Redis connection string has no host:port endpoint.");
        }
        return options;
    }

    /// <summary>The endpoint and options, with the password masked.</summary>
    public override string ToString() =>
        $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}" + (Password is null ? "" : ",password=*****") + (Ssl ? ",ssl=true" : "");

    private static RedisConnectionOptions ParseEndpoint(RedisConnectionOptions options, string endpoint)
    {
        // [::1]:6379, host:6379, host
        string host;
        var port = 6379;
        if (endpoint.StartsWith('['))
        {
            var close = endpoint.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw new FormatException($"Malformed IPv6 Redis endpoint '{endpoint}'.");
            }
            host = endpoint[1..close];
            if (close + 1 < endpoint.Length)
            {
                port = ParsePort(endpoint, endpoint[(close + 2)..]);
            }
        }
        else
        {
            var colon = endpoint.LastIndexOf(':');
            host = colon < 0 ? endpoint : endpoint[..colon];
            if (colon >= 0)
            {
                port = ParsePort(endpoint, endpoint[(colon + 1)..]);
            }
        }

        if (host.Length == 0)
        {
            throw new FormatException($"The Redis endpoint '{endpoint}' has no host.");
        }
        return options with { Host = host, Port = port };
    }

    private static int ParsePort(string endpoint, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new FormatException($"The Redis endpoint '{endpoint}' has an invalid port.");

    private static bool ParseBool(string name, string value) =>
        bool.TryParse(value, out var result) ? result : throw new FormatException($"Redis option '{name}' must be true or false, not '{value}'.");

    private static int ParseInt(string name, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) && result >= 0
            ? result
            : throw new FormatException($"Redis option '{name}' must be a non-negative integer, not '{value}'.");

    private static TimeSpan ParseMilliseconds(string name, string value) => TimeSpan.FromMilliseconds(ParseInt(name, value));
}
