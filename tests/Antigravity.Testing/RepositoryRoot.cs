namespace Antigravity.Testing;

/// <summary>Finds the repository root: the nearest folder above the test binaries holding <c>.config/dotnet-tools.json</c>.</summary>
public static class RepositoryRoot
{
    /// <summary>The absolute path of the repository root.</summary>
    public static string Find()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, ".config", "dotnet-tools.json")))
                {
                    return dir.FullName;
                }
            }
        }
        throw new InvalidOperationException(
            $"Could not find the repository root (a folder with .config/dotnet-tools.json) above {AppContext.BaseDirectory}.");
    }
}
