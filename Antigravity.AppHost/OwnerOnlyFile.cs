namespace Antigravity.AppHost;

/// <summary>Files in the data directory that hold secrets: readable and writable by their owner only (0600).</summary>
public static class OwnerOnlyFile
{
    /// <summary>The mode every such file has.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Replaces <paramref name="path"/> with <paramref name="contents"/>; a reader never sees a half-written file.</summary>
    public static void Write(string path, string contents)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(contents);
        var temporary = path + ".tmp";
        File.Delete(temporary);
        CreateNew(temporary, contents);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>
    /// Creates <paramref name="path"/> with <paramref name="contents"/> unless it exists; false when another process
    /// created it first (then its contents are the ones to use).
    /// </summary>
    public static bool TryCreate(string path, string contents)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(contents);
        try
        {
            CreateNew(path, contents);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
    }

    /// <summary>Makes an existing file owner-only again, should someone have widened it.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.GetUnixFileMode(path) != Mode)
        {
            File.SetUnixFileMode(path, Mode);
        }
    }

    private static void CreateNew(string path, string contents)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = Mode;
        }
        using var writer = new StreamWriter(path, options);
        writer.Write(contents);
    }
}
