namespace ActorScale.Hosting;

/// <summary>Secrets come from a value (environment) or a file outside git; never from committed configuration.</summary>
public static class Secret
{
    /// <summary>The value, else the trimmed content of the file, else null.</summary>
    public static string? Read(string? value, string? file, string key)
    {
        if (!string.IsNullOrEmpty(value))
        {
            return value;
        }

        if (string.IsNullOrEmpty(file))
        {
            return null;
        }

        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{key}File: cannot read {file}: {ex.Message}", ex);
        }
    }
}
