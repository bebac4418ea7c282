using System.Text.Json;
using ActorScale.Client.Output;
using ActorScale.Lab;
using ActorScale.Lab.Cluster;

namespace ActorScale.Client.Profiles;

/// <summary>
/// The login profile: <c>$ACTORSCALE_PROFILE</c>, else <c>$XDG_CONFIG_HOME/actorscale/profile.json</c>, else
/// <c>~/.config/actorscale/profile.json</c>. It holds a bearer token, so it is created with mode 0600.
/// </summary>
public static class ProfileStore
{
    public static string PathFromEnvironment()
    {
        var explicitPath = Environment.GetEnvironmentVariable("ACTORSCALE_PROFILE");
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return explicitPath;
        }

        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        if (string.IsNullOrEmpty(config))
        {
            config = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        }

        return Path.Combine(config, "actorscale", "profile.json");
    }

    public static LoginProfile? Load(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        return JsonSerializer.Deserialize<LoginProfile>(File.ReadAllText(path), Reporter.JsonOptions);
    }

    public static LoginProfile Require(string path) =>
        Load(path) ?? throw new UsageException("not logged in: run `actorscale user login <user>` first");

    public static void Save(string path, LoginProfile profile) =>
        PrivateFile.Write(path, stream => JsonSerializer.Serialize(stream, profile, Reporter.JsonOptions));

    public static void Delete(string path) => File.Delete(path);
}
