namespace Antigravity.Testing;

/// <summary>Finds Debian's <c>redis-server</c>, or says clearly how to install it.</summary>
internal static class RedisServerExecutable
{
    public static string Find()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var candidates = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/sbin", "/usr/local/bin"])
            .Select(dir => Path.Combine(dir, "redis-server"));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "redis-server is not installed, so the tests that run against it cannot run. " +
                "Install it with `apt-get install -y redis-server` (Debian/Ubuntu) and run the tests again.");
    }
}
