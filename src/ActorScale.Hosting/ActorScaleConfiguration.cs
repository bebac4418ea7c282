using Microsoft.Extensions.Configuration;

namespace ActorScale.Hosting;

/// <summary>Loads <c>silo-config/appsettings.json</c> (and the environment's variant) next to the built app.</summary>
public static class ActorScaleConfiguration
{
    public const string ConfigFolder = "silo-config";

    /// <summary>Adds the config files below the app's own, so environment variables and arguments still override them.</summary>
    public static IConfigurationBuilder AddActorScaleFiles(this IConfigurationManager configuration, string baseDirectory, string environment)
    {
        var folder = Path.Combine(baseDirectory, ConfigFolder);
        var sources = configuration.Sources.ToList();
        configuration.Sources.Clear();
        configuration.AddJsonFile(Path.Combine(folder, "appsettings.json"), optional: false, reloadOnChange: false);
        configuration.AddJsonFile(Path.Combine(folder, $"appsettings.{environment}.json"), optional: true, reloadOnChange: false);
        foreach (var source in sources)
        {
            configuration.Sources.Add(source);
        }

        return configuration;
    }
}
