using System.Security.Cryptography;

namespace ActorScale.Lab.Cluster;

/// <summary>
/// Writes a file whole or not at all, readable by its owner only (0600): the content goes to a temporary file with an
/// unpredictable name in the same folder, created exclusively (it never opens a file or link that someone else put
/// there), then renamed over the target. A reader sees the old file or the new one, never half of one.
/// </summary>
public static class PrivateFile
{
    public static void Write(string path, string content) => Write(path, stream =>
    {
        using var writer = new StreamWriter(stream);
        writer.Write(content);
    });

    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temp = $"{full}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()}.tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                write(stream);
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
