using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Antigravity.AppHost;

/// <summary>
/// Reads the AppHost's options from configuration: <c>appsettings.json</c> next to the AppHost, then
/// environment variables (<c>AppHost__Port</c>…), then the command line (<c>--port</c>…, which wins).
/// </summary>
internal static class AppHostCommandLine
{
    public const string Section = "AppHost";

    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        ["--port"] = $"{Section}:Port",
        ["--dashboard-port"] = $"{Section}:DashboardPort",
        ["--aspire-dashboard-port"] = $"{Section}:AspireDashboardPort",
        ["--gateway-replicas"] = $"{Section}:GatewayReplicas",
        ["--allow-lan"] = $"{Section}:AllowLan",
        ["--data-dir"] = $"{Section}:DataDir",
        ["--redis"] = $"{Section}:Redis",
        ["--emulator"] = $"{Section}:Emulator",
    };

    private static readonly HashSet<string> Flags = ["--allow-lan", "--emulator"];

    public const string Help = """
        Antigravity AppHost (.NET Aspire): starts Redis, AccountPool, Gateway, Dashboard and the Aspire
        dashboard, waits until each is healthy, prints the URLs and credentials, restarts a service that
        crashes, and stops them all on Ctrl+C.

        Usage: dotnet run --project Antigravity.AppHost [-- options]

        Options                        configuration key      default
          --port <port>                AppHost:Port           8045   gateway port (0: a free one)
          --dashboard-port <port>      AppHost:DashboardPort  8046   dashboard port (0: a free one)
          --aspire-dashboard-port <port>
                                       AppHost:AspireDashboardPort
                                                              18888  Aspire dashboard (resources, logs, traces,
                                                                     metrics); its OTLP receiver and resource
                                                                     service use the next two ports (0: free ones)
          --gateway-replicas <n>       AppHost:GatewayReplicas
                                                              1      gateway processes behind the gateway port;
                                                                     more than 1 puts Aspire's proxy in front
          --allow-lan                  AppHost:AllowLan       false  gateway listens on 0.0.0.0 (LAN) instead of 127.0.0.1
          --data-dir <path>            AppHost:DataDir        ~/.antigravity-gateway   where Redis keeps its data,
                                                                     and data-protection.key, which encrypts the
                                                                     key ring in Redis (keep it with the data)
          --redis <garnet|redis-server|connection string>
                                       AppHost:Redis          garnet
               garnet          Garnet from the repository's local tool (restored when missing);
                               append-only log in <data-dir>/garnet; admin changes wait for
                               it on disk, requests never do
               redis-server    Debian's redis-server; append-only file (fsync every second) in
                               <data-dir>/redis; admin changes wait for it on disk
               anything else   an existing Redis, e.g. 10.0.0.5:6379,password=secret,ssl=true;
                               none is started, it must answer PING
                               Garnet and redis-server require a password, generated on the first start
                               and kept in <data-dir>/redis-password (readable by its owner only)
          --emulator                   AppHost:Emulator       false  start the upstream emulator and point every
                                                                     upstream URL at it (no request leaves the machine)
          -h, --help                   show this help

        Every option can also be set as its configuration key: in appsettings.json next to the AppHost
        ({"AppHost": {"Port": 8050}}), as an environment variable (AppHost__Port=8050), or on the command
        line (--AppHost:Port=8050). The command line wins over the environment, which wins over the file.

        Environment variables Proxy__*, Dashboard__*, Upstream__* and OTEL_* given to the AppHost reach the
        services: Proxy__ApiKey=sk-... presets the API key on the first start; Dashboard__AdminPassword=...
        sets the admin password and wins over the stored one (the way to reset a forgotten one: only its
        hash is stored, so the password generated at the first start is printed at that start only).

        Aspire's own settings (ASPIRE_*, ASPNETCORE_URLS of the Aspire dashboard, AppHost:BrowserToken…) may
        be given the same three ways; by default the Aspire dashboard runs on plain http on 127.0.0.1.

        Exit code: 0 after Ctrl+C (SIGINT) or SIGTERM, 1 when a resource fails to start, 2 for bad options.
        """;

    /// <summary>The options, or null with <paramref name="error"/> set (or with help requested).</summary>
    public static AntigravityOptions? Parse(string[] args, out string? error, out bool helpRequested)
    {
        ArgumentNullException.ThrowIfNull(args);
        error = null;
        helpRequested = args.Any(arg => arg is "-h" or "--help" or "-?");
        if (helpRequested)
        {
            return null;
        }

        List<string> normalized = [];
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var name = arg.Split('=', 2)[0];
            if (!arg.StartsWith('-'))
            {
                error = $"unexpected argument '{arg}' (see --help)";
                return null;
            }
            if (!Switches.ContainsKey(name) && !IsConfigurationKey(name))
            {
                error = $"unknown option '{name}' (see --help)";
                return null;
            }
            normalized.Add(arg);
            if (arg.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }
            if (Flags.Contains(name))
            {
                // A bare flag means true; "--allow-lan false" is accepted too.
                if (i + 1 < args.Length && bool.TryParse(args[i + 1], out _))
                {
                    normalized.Add(args[++i]);
                }
                else
                {
                    normalized.Add("true");
                }
            }
            else if (i + 1 >= args.Length)
            {
                error = $"option '{name}' needs a value (see --help)";
                return null;
            }
            else
            {
                normalized.Add(args[++i]);
            }
        }

        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. normalized], Switches)
            .Build()
            .GetSection(Section);

        try
        {
            var options = new AntigravityOptions
            {
                Port = ReadPort(configuration, "Port", AntigravityOptions.DefaultPort),
                DashboardPort = ReadPort(configuration, "DashboardPort", AntigravityOptions.DefaultDashboardPort),
                AspireDashboardPort = ReadPort(configuration, "AspireDashboardPort", AntigravityOptions.DefaultAspireDashboardPort),
                GatewayReplicas = ReadReplicas(configuration, "GatewayReplicas"),
                AllowLan = ReadBool(configuration, "AllowLan"),
                Emulator = ReadBool(configuration, "Emulator"),
                DataDirectory = ExpandHome(configuration["DataDir"] is { Length: > 0 } dir ? dir : AntigravityOptions.DefaultDataDirectory),
                Redis = configuration["Redis"] is { Length: > 0 } redis ? redis.Trim() : "garnet",
            };
            if (options.Port == options.DashboardPort && options.Port != 0)
            {
                throw new FormatException($"--port and --dashboard-port must differ (both are {options.Port}).");
            }
            if (options.RedisKind == RedisKind.External)
            {
                try
                {
                    if (StackExchange.Redis.ConfigurationOptions.Parse(options.Redis).EndPoints.Count == 0)
                    {
                        throw new ArgumentException("it names no host:port");
                    }
                }
                catch (ArgumentException ex)
                {
                    throw new FormatException($"--redis '{options.Redis}' is neither garnet, redis-server nor a valid connection string: {ex.Message}");
                }
            }
            return options;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return null;
        }
    }

    /// <summary>
    /// The arguments that set configuration keys directly (<c>--AppHost:BrowserToken=…</c>,
    /// <c>--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true</c>): Aspire reads its own settings from these.
    /// </summary>
    public static string[] ConfigurationArguments(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return [.. args.Where(arg => arg.Contains('=', StringComparison.Ordinal) && IsConfigurationKey(arg.Split('=', 2)[0]))];
    }

    // "--Section:Key" or an environment-style name such as "--ASPIRE_ALLOW_UNSECURED_TRANSPORT".
    private static bool IsConfigurationKey(string name) =>
        name.StartsWith("--", StringComparison.Ordinal) && name.Length > 2
        && (name.Contains(':', StringComparison.Ordinal) || name[2..].All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_'));

    private static int ReadPort(IConfiguration configuration, string key, int fallback)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new FormatException($"{Section}:{key} must be a port between 1 and 65535, or 0 for a free one (got '{value}').");
    }

    private static int ReadReplicas(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return 1;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var replicas) && replicas is >= 1 and <= 64
            ? replicas
            : throw new FormatException($"{Section}:{key} must be a number of gateway processes between 1 and 64 (got '{value}').");
    }

    private static bool ReadBool(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }
        return bool.TryParse(value, out var result)
            ? result
            : throw new FormatException($"{Section}:{key} must be true or false (got '{value}').");
    }

    private static string ExpandHome(string path)
    {
        if (path == "~" || path.StartsWith("~/", StringComparison.Ordinal))
        {
            path = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..];
        }
        return Path.GetFullPath(path);
    }
}
